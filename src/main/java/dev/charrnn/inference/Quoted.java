package dev.charrnn.inference;

import java.util.List;

/** Characters in problem details: as JSON-like strings, so that newlines and spaces stay visible. */
public final class Quoted {
    static final int SHOWN = 100;

    private Quoted() {}

    /** The first {@value #SHOWN} characters quoted, then how many more there are. */
    public static String characters(List<String> characters) {
        StringBuilder sb = new StringBuilder("[");
        for (String c : characters.subList(0, Math.min(SHOWN, characters.size()))) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"');
            int cp = c.codePointAt(0);
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (Character.isISOControl(cp)) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(c);
                    }
                }
            }
            sb.append('"');
        }
        if (characters.size() > SHOWN) {
            sb.append(", ... ").append(characters.size() - SHOWN).append(" more");
        }
        return sb.append(']').toString();
    }
}
