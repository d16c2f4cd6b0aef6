package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrainingStateTest {
    private static final int H = 3;
    private static final int V = 4;

    @Test
    void bytesRoundTripEveryField() {
        TrainingState state = state();
        TrainingState back = TrainingState.fromBytes(state.toBytes());
        assertThat(back.iteration()).isEqualTo(17);
        assertThat(back.position()).isEqualTo(40);
        assertThat(back.smoothLoss()).isEqualTo(state.smoothLoss());
        assertThat(back.rngState()).containsExactly(state.rngState());
        assertThat(back.hprev()).containsExactly(state.hprev());
        for (int k = 0; k < 5; k++) {
            assertThat(back.model().arrays()[k]).isEqualTo(state.model().arrays()[k]);
            assertThat(back.memories().arrays()[k]).isEqualTo(state.memories().arrays()[k]);
        }
        assertThat(back.toBytes()).isEqualTo(state.toBytes());
    }

    @Test
    void rejectsWhatIsNotACheckpoint() {
        assertThatThrownBy(() -> TrainingState.fromBytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a charrnn checkpoint");
        byte[] json = "{\"Wxh\": [[0.1, 0.2]], \"Whh\": [[0.3]]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrainingState.fromBytes(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a charrnn checkpoint");
    }

    @Test
    void rejectsAnotherFormatVersion() {
        byte[] blob = state().toBytes();
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(4, TrainingState.FORMAT_VERSION + 1);
        assertThatThrownBy(() -> TrainingState.fromBytes(blob))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint format version " + (TrainingState.FORMAT_VERSION + 1) + ", this build reads "
                        + TrainingState.FORMAT_VERSION);
    }

    @Test
    void rejectsTruncatedOrPaddedBlobs() {
        byte[] blob = state().toBytes();
        byte[] truncated = Arrays.copyOf(blob, blob.length - 8);
        assertThatThrownBy(() -> TrainingState.fromBytes(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint of " + truncated.length + " bytes, expected " + blob.length + " for H=3, V=4");
        byte[] padded = Arrays.copyOf(blob, blob.length + 1);
        assertThatThrownBy(() -> TrainingState.fromBytes(padded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected " + blob.length);
    }

    @Test
    void rejectsACorruptHeader() {
        byte[] blob = state().toBytes();
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1 << 20); // H
        assertThatThrownBy(() -> TrainingState.fromBytes(blob))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("H=1048576, V=4");
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -3);
        assertThatThrownBy(() -> TrainingState.fromBytes(blob))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("H=-3");
        byte[] magic = state().toBytes();
        magic[0] ^= 1;
        assertThatThrownBy(() -> TrainingState.fromBytes(magic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a charrnn checkpoint");
    }

    private static TrainingState state() {
        CharRnn model = NnFixtures.randomModel(H, V, 0.3, 5);
        CharRnn memories = NnFixtures.randomModel(H, V, 2.0, 6);
        return new TrainingState(17, 40, 33.25, new Rng(9).state(), new double[] {0.5, -0.25, 0.125}, model, memories);
    }
}
