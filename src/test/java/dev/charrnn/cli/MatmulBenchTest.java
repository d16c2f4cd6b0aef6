package dev.charrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench matmul}: one line per product of the LSTM layer, per size and precision; bad options exit 2. */
class MatmulBenchTest {

    @Test
    void printsEveryShapeOfEverySizeAndPrecision() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.run(
                new String[] {
                    "matmul",
                    "--hidden",
                    "3,5",
                    "--batch",
                    "2",
                    "--vocab",
                    "4",
                    "--seq",
                    "3",
                    "--precision",
                    "float32,float64",
                    "--threads",
                    "2",
                    "--reps",
                    "1",
                    "--round-seconds",
                    "0.001",
                    "--warmup-seconds",
                    "0.001"
                },
                print(out),
                print(err));
        assertThat(code).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("# Matmul (vector), 2 thread(s)");
        assertThat(lines).hasSize(1 + 2 * 2 * 10);
        // H = 5, batch 2, seq 3: the input product batched over all steps is [6 x 5] times [5 x 20]^T
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("H=5    float64 NT M=6     K=5     N=20 "));
        assertThat(lines)
                .filteredOn(l -> l.startsWith("H=3    float32 TN M=4     K=2     N=3 "))
                .hasSize(1);
    }

    @Test
    void rejectsAnUnknownPrecision() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.run(
                new String[] {"matmul", "--precision", "float16"}, print(new ByteArrayOutputStream()), print(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("float16").contains("usage: bench matmul");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
