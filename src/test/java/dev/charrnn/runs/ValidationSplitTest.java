package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.system.ApiException;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    @Test
    void holdsOutTheRoundedLastFraction() {
        assertThat(ValidationSplit.of(2490, 0.1)).isEqualTo(new ValidationSplit(2241, 249));
        assertThat(ValidationSplit.of(10, 0.25)).isEqualTo(new ValidationSplit(7, 3)); // 2.5 rounds up
        assertThat(ValidationSplit.of(100, 0)).isEqualTo(new ValidationSplit(100, 0));
    }

    @Test
    void rejectsATrainingPartShorterThanASequence() {
        assertThatThrownBy(() -> ValidationSplit.checked(30, 0.2, 25))
                .isInstanceOf(ApiException.class)
                .hasMessage("validationFraction 0.2 of the corpus' 30 characters leaves 24 characters to train on; "
                        + "seqLength 25 needs at least 26");
    }

    @Test
    void rejectsAValidationPartWithNothingToPredict() {
        assertThatThrownBy(() -> ValidationSplit.checked(100, 0.01, 25))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("holds out 1 characters; validation needs at least 2");
        assertThat(ValidationSplit.checked(100, 0.02, 25)).isEqualTo(new ValidationSplit(98, 2));
    }
}
