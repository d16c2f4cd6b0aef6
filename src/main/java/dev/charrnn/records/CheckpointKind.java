package dev.charrnn.records;

import java.util.Locale;

/** Which of a run's stored weights a read means: its latest (final once finished) or its best validation point's. */
public enum CheckpointKind {
    FINAL,
    BEST;

    /** The query parameter's value ({@code final} when absent); null for an unknown one. */
    public static CheckpointKind parse(String value) {
        if (value == null || value.isEmpty()) {
            return FINAL;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "final" -> FINAL;
            case "best" -> BEST;
            default -> null;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
