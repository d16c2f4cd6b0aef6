package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    @Test
    void aRequestWithoutModelFieldsKeepsTheFingerprintItHadBeforeThem() {
        RunRequest request = new RunRequest(
                64, null, 100, null, null, null, 7L, "n", "abc", null, List.of(1.0), null, null, 0.1, 50);
        // the text requests were fingerprinted with before the model fields (the record's own toString then)
        assertThat(IdempotencyKeys.canonical(request))
                .isEqualTo("RunRequest[hiddenSize=64, seqLength=null, numIterations=100, learningRate=null, "
                        + "sampleEvery=null, sampleLength=null, seed=7, name=n, corpus=abc, corpusId=null, "
                        + "sampleTemperatures=[1.0], initFrom=null, resumeOptimizer=null, validationFraction=0.1, "
                        + "evalEvery=50]");
    }

    @Test
    void aModelFieldCountsWhenGiven() {
        RunRequest reference = new RunRequest(null, null, null, null, null, null, null, null, null, null, null);
        RunRequest lstm = new RunRequest(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "lstm", null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(IdempotencyKeys.canonical(lstm)).endsWith("evalEvery=null, cell=lstm]");
        assertThat(IdempotencyKeys.fingerprint(lstm, null)).isNotEqualTo(IdempotencyKeys.fingerprint(reference, null));
    }
}
