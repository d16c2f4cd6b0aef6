package dev.charrnn.nn;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the reference script draws from a trained model besides its losses: the closing samples and the heatmap's
 * probe text. The command line and the service both produce them, from here.
 */
public final class ReferenceOutputs {
    public static final int CLOSING_SAMPLES = 5;
    public static final int CLOSING_SAMPLE_LENGTH = 150;
    /** The probe when the vocabulary lacks some of {@link DefaultCorpus#PROBE}: the corpus' first characters. */
    public static final int FALLBACK_PROBE_LENGTH = 40;

    private ReferenceOutputs() {}

    /** Five samples of 150 characters, each from h = 0 and a seed character drawn with the trainer's generator. */
    public static List<Trainer.GeneratedSample> closingSamples(TrainingLoop trainer) {
        return trainer.generateSamples(CLOSING_SAMPLES, CLOSING_SAMPLE_LENGTH);
    }

    /**
     * "hello deep learning" when the vocabulary has all its characters, else the corpus' first 40 characters
     * (code points); {@code corpus} is read only then.
     */
    public static String probe(Vocabulary vocabulary, Supplier<String> corpus) {
        if (vocabulary.missing(DefaultCorpus.PROBE).isEmpty()) {
            return DefaultCorpus.PROBE;
        }
        String text = corpus.get();
        int end = text.offsetByCodePoints(0, Math.min(FALLBACK_PROBE_LENGTH, text.codePointCount(0, text.length())));
        return text.substring(0, end);
    }
}
