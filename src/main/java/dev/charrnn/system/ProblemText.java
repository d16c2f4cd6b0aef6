package dev.charrnn.system;

import java.util.Collection;

/**
 * How an error quotes what it rejects: at most a short prefix, so that a 5 MB value does not come back in a 10 MB
 * error, and a collection by its size rather than its elements.
 */
public final class ProblemText {
    /** Code points of a value quoted in an error. */
    public static final int QUOTE_LIMIT = 40;
    /** Characters of a whole error detail; longer ones are cut (the cause is always at the front). */
    static final int DETAIL_LIMIT = 2_000;

    private ProblemText() {}

    /** {@code 'value'}, or {@code 'prefix…' (n characters)} when longer than {@link #QUOTE_LIMIT} code points. */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Collection<?> c) {
            return "a list of " + c.size() + " elements";
        }
        if (value.getClass().isArray()) {
            return "a list of " + java.lang.reflect.Array.getLength(value) + " elements";
        }
        String s = value.toString();
        int length = s.codePointCount(0, s.length());
        if (length <= QUOTE_LIMIT) {
            return "'" + s + "'";
        }
        return "'" + s.substring(0, s.offsetByCodePoints(0, QUOTE_LIMIT)) + "…' (" + length + " characters)";
    }

    /** A detail cut to {@link #DETAIL_LIMIT} characters (never inside a surrogate pair). */
    static String bounded(String detail) {
        if (detail == null || detail.length() <= DETAIL_LIMIT) {
            return detail;
        }
        int end = Character.isHighSurrogate(detail.charAt(DETAIL_LIMIT - 1)) ? DETAIL_LIMIT - 1 : DETAIL_LIMIT;
        return detail.substring(0, end) + "… (cut)";
    }

    /**
     * A parser message without the parser's own vocabulary: {@code `java.lang.Integer`} becomes {@code Integer},
     * hints at its configuration ({@code CoercionConfig}, {@code StreamReadConstraints}) are dropped, and the
     * whole is cut to a short length (it may quote the offending token).
     */
    public static String withoutInternals(String message) {
        if (message == null) {
            return "unreadable";
        }
        String s = message.replaceAll("\\s*\\((?:but|from|through)[^()]*`[^`]*`[^()]*\\)", "")
                .replaceAll(", from `[^`]*`", "")
                .replaceAll("`(?:[a-z][\\w$]*\\.)+([\\w$]+)`", "$1")
                .replaceAll("\\s+", " ")
                .trim();
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
