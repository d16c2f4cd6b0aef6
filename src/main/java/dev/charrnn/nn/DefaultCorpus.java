package dev.charrnn.nn;

/**
 * The reference script's built-in training text, used when no corpus is given:
 * {@code ("\n" + "hello world\n" + ... + "everywhere you look data\n") * 10}: 2,490 characters, 24 distinct.
 */
public final class DefaultCorpus {
    private static final String BLOCK = "\n"
            + "hello world\n"
            + "hello deep learning\n"
            + "deep neural networks\n"
            + "neural networks learn patterns\n"
            + "patterns in data\n"
            + "data drives learning\n"
            + "learning from examples\n"
            + "examples help networks\n"
            + "networks process information\n"
            + "information is everywhere\n"
            + "everywhere you look data\n";

    /** The block above repeated 10 times. */
    public static final String TEXT = BLOCK.repeat(10);

    /** The reference's hidden-state probe. */
    public static final String PROBE = "hello deep learning";

    private DefaultCorpus() {}
}
