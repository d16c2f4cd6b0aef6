package dev.charrnn.cli;

import dev.charrnn.nn.CharRnn;
import dev.charrnn.nn.DefaultCorpus;
import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.StackedRnn;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads and checks the corpus and the optional initial weights; every problem becomes a {@link UsageException}. */
final class TrainInputs {
    private TrainInputs() {}

    /**
     * The training text. A file is decoded as strict UTF-8 and its line endings normalised the way Python's text
     * mode reads them ({@code \r\n} and lone {@code \r} become {@code \n}), so the vocabulary matches the reference's.
     */
    static String corpus(Path file) throws UsageException {
        if (file == null) {
            return DefaultCorpus.TEXT;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("argument --corpus: no such file: " + file);
        } catch (IOException | OutOfMemoryError e) {
            throw new UsageException("argument --corpus: cannot read " + file + ": " + describe(e));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw new UsageException(
                    "argument --corpus: " + file + " is not valid UTF-8 (bad byte at offset " + in.position() + ")");
        } catch (CharacterCodingException e) {
            throw new UsageException("argument --corpus: " + file + " is not valid UTF-8");
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Checks the text can train a model with the given sequence length. */
    static void checkCorpus(String text, Vocabulary vocabulary, int seqLength, Path file) throws UsageException {
        String name = file == null ? "the built-in corpus" : "the corpus " + file;
        int length = text.codePointCount(0, text.length());
        if (length < seqLength + 1) {
            throw new UsageException(name + " has " + length + " characters; --seq-length " + seqLength
                    + " needs at least " + (seqLength + 1));
        }
        if (vocabulary.size() < 2) {
            throw new UsageException(
                    name + " has " + vocabulary.size() + " distinct character(s); a language model needs at least 2");
        }
    }

    /** Reads seed-format weights and checks their shapes against the vocabulary (and an explicit hidden size). */
    static CharRnn initialWeights(Path file, int vocabSize, int hiddenSize, boolean hiddenSizeGiven)
            throws UsageException {
        CharRnn m = readWeights(file, SeedWeights::read);
        int H = hiddenSizeGiven ? hiddenSize : m.H;
        if (m.V != vocabSize || m.H != H) {
            throw new UsageException("argument --init-weights: " + file + " has shapes " + shapes(m.H, m.V)
                    + " but the corpus vocabulary (V=" + vocabSize + ")"
                    + (hiddenSizeGiven ? " and --hidden-size " + hiddenSize : "") + " need " + shapes(H, vocabSize));
        }
        return m;
    }

    /** Checks the text gives every one of the batch's streams at least one window of seqLength + 1. */
    static void checkStreams(String text, int batchSize, int seqLength, Path file) throws UsageException {
        String name = file == null ? "the built-in corpus" : "the corpus " + file;
        int length = text.codePointCount(0, text.length());
        if (length / batchSize < seqLength + 1) {
            throw new UsageException(name + " has " + length + " characters; --batch-size " + batchSize
                    + " streams of --seq-length " + seqLength + " need at least " + (long) batchSize * (seqLength + 1));
        }
    }

    /** Reads PyTorch state_dict JSON weights and checks them against the model flags, vocabulary and hidden size. */
    static StackedRnn initialStateDict(
            Path file, ModelConfig model, int vocabSize, int hiddenSize, boolean hiddenSizeGiven)
            throws UsageException {
        StackedRnn m = readWeights(file, TorchStateDict::read);
        StackedRnn expected = StackedRnn.zeros(model, hiddenSizeGiven ? hiddenSize : m.H, vocabSize);
        try {
            expected.requireSameShape(m);
        } catch (IllegalArgumentException e) {
            throw new UsageException("argument --init-weights: " + file + " holds a " + m.describe()
                    + " model but the model options and the corpus need a " + expected.describe() + " model");
        }
        return m;
    }

    /** Creates the output folder before training, so a bad --output fails fast instead of after the run. */
    static void outputDirectory(Path dir) throws UsageException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("argument --output: " + dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("argument --output: cannot create " + dir + ": " + describe(e));
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException("argument --output: " + dir + " is not writable");
        }
    }

    /** The --init-weights file read by {@code reader}; an unreadable or malformed file is a usage error. */
    private static <T> T readWeights(Path file, java.util.function.Function<InputStream, T> reader)
            throws UsageException {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.apply(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("argument --init-weights: no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("argument --init-weights: cannot read " + file + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new UsageException("argument --init-weights: " + file + ": " + e.getMessage());
        }
    }

    static String shapes(int H, int V) {
        return "Wxh " + H + "x" + V + ", Whh " + H + "x" + H + ", Why " + V + "x" + H + ", bh " + H + "x1, by " + V
                + "x1";
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
