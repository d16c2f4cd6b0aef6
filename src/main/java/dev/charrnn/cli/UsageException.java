package dev.charrnn.cli;

/** A bad command line or unusable input file: reported on stderr without a stack trace, exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
