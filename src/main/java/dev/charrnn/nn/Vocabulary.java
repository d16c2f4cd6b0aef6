package dev.charrnn.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The characters a model knows, in index order. Built from a text it is the text's distinct Unicode code points
 * sorted ascending, which is what Python's {@code sorted(set(text))} gives, so indices and weights interchange
 * with the reference. Characters are code points, not UTF-16 units: emoji and other non-BMP characters are one
 * character each.
 */
public final class Vocabulary {
    private final int[] codePoints;

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /** The sorted distinct code points of {@code text}. */
    public static Vocabulary of(String text) {
        // A set over all code points: linear in the text, where sorting 10 million code points would not be.
        BitSet seen = new BitSet(Character.MAX_CODE_POINT + 1);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            seen.set(cp);
            i += Character.charCount(cp);
        }
        int[] cps = new int[seen.cardinality()];
        for (int k = 0, cp = seen.nextSetBit(0); cp >= 0; cp = seen.nextSetBit(cp + 1)) {
            cps[k++] = cp;
        }
        return new Vocabulary(cps);
    }

    /** A vocabulary in the given index order; each entry must be exactly one code point, all distinct. */
    public static Vocabulary ofCharacters(List<String> characters) {
        int[] cps = new int[characters.size()];
        Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < cps.length; i++) {
            String c = characters.get(i);
            if (c == null || c.isEmpty() || c.codePointCount(0, c.length()) != 1) {
                throw new IllegalArgumentException("vocabulary entry " + i + " must be exactly one character, got "
                        + (c == null ? "null" : '"' + c + '"'));
            }
            cps[i] = c.codePointAt(0);
            if (!seen.add(cps[i])) {
                throw new IllegalArgumentException("vocabulary entry " + i + " repeats the character \"" + c + '"');
            }
        }
        return new Vocabulary(cps);
    }

    public int size() {
        return codePoints.length;
    }

    /** Index of a code point, or -1 when it is not in the vocabulary. */
    public int indexOf(int codePoint) {
        // Vocabularies built from text are sorted; imported ones may not be, so fall back to a scan.
        int ix = Arrays.binarySearch(codePoints, codePoint);
        if (ix >= 0 && codePoints[ix] == codePoint) {
            return ix;
        }
        for (int i = 0; i < codePoints.length; i++) {
            if (codePoints[i] == codePoint) {
                return i;
            }
        }
        return -1;
    }

    public int codePointAt(int index) {
        return codePoints[index];
    }

    /** The character at {@code index} as a string (two UTF-16 units outside the BMP). */
    public String charAt(int index) {
        return new String(Character.toChars(codePoints[index]));
    }

    public List<String> characters() {
        List<String> out = new ArrayList<>(codePoints.length);
        for (int cp : codePoints) {
            out.add(new String(Character.toChars(cp)));
        }
        return Collections.unmodifiableList(out);
    }

    /** The distinct characters of {@code text} that this vocabulary lacks, in order of first appearance. */
    public List<String> missing(String text) {
        Set<String> missing = new LinkedHashSet<>();
        text.codePoints().forEach(cp -> {
            if (indexOf(cp) < 0) {
                missing.add(new String(Character.toChars(cp)));
            }
        });
        return List.copyOf(missing);
    }

    /** Indices of the characters of {@code text}; throws naming every character the vocabulary lacks. */
    public int[] encode(String text) {
        List<String> missing = missing(text);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("characters not in the vocabulary: " + missing);
        }
        return text.codePoints().map(this::indexOf).toArray();
    }

    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length);
        for (int ix : indices) {
            sb.appendCodePoint(codePoints[ix]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "Vocabulary" + characters();
    }
}
