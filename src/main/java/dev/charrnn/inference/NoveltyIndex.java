package dev.charrnn.inference;

import java.util.Arrays;

/**
 * Which parts of a text occur in a training text: a suffix array over the training text's characters (code points),
 * built once (prefix doubling with counting sorts, at most 8 rounds), then for each position of a sample the longest
 * stretch starting there that occurs somewhere in the training text (a binary search among the sorted suffixes and
 * the common prefix with its neighbours). A 20-character window is novel when that stretch is shorter than 20.
 */
public final class NoveltyIndex {
    /** The window of makemore's and torch-rnn's memorisation checks. */
    public static final int WINDOW = 20;
    /** Matches are followed this far: a longer common stretch is reported as this long. */
    public static final int MAX_MATCH = 256;

    private final int[] text;
    private final int[] suffixes;

    private NoveltyIndex(int[] text, int[] suffixes) {
        this.text = text;
        this.suffixes = suffixes;
    }

    public static NoveltyIndex of(String training) {
        int[] text = training.codePoints().toArray();
        return new NoveltyIndex(text, suffixArray(text, MAX_MATCH));
    }

    /** Characters of the training text (memory: about 8 bytes each with the suffix array). */
    public int length() {
        return text.length;
    }

    /** A sample's novelty; its windows are counted in code points. */
    public Novelty novelty(String sample) {
        int[] t = sample.codePoints().toArray();
        int windows = Math.max(0, t.length - WINDOW + 1);
        int novel = 0;
        int longest = 0;
        int longestAt = 0;
        for (int i = 0; i < t.length; i++) {
            int match = longestMatch(t, i);
            if (i < windows && match < WINDOW) {
                novel++;
            }
            if (match > longest) {
                longest = match;
                longestAt = i;
            }
        }
        int from = sample.offsetByCodePoints(0, longestAt);
        String substring = sample.substring(from, sample.offsetByCodePoints(from, longest));
        return new Novelty(windows, windows == 0 ? null : novel / (double) windows, substring, longest);
    }

    /** The length of the longest prefix of t[i..] (at most MAX_MATCH) that occurs in the training text. */
    private int longestMatch(int[] t, int i) {
        int n = suffixes.length;
        if (n == 0) {
            return 0;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) { // first suffix not below t[i..]
            int mid = (lo + hi) >>> 1;
            if (compare(suffixes[mid], t, i) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int best = 0;
        if (lo < n) {
            best = commonPrefix(suffixes[lo], t, i);
        }
        if (lo > 0) {
            best = Math.max(best, commonPrefix(suffixes[lo - 1], t, i));
        }
        return best;
    }

    private int commonPrefix(int suffix, int[] t, int i) {
        int k = 0;
        int max = Math.min(MAX_MATCH, Math.min(text.length - suffix, t.length - i));
        while (k < max && text[suffix + k] == t[i + k]) {
            k++;
        }
        return k;
    }

    /** The training suffix against t[i..], both cut at MAX_MATCH characters. */
    private int compare(int suffix, int[] t, int i) {
        int max = Math.min(MAX_MATCH, Math.min(text.length - suffix, t.length - i));
        for (int k = 0; k < max; k++) {
            int d = Integer.compare(text[suffix + k], t[i + k]);
            if (d != 0) {
                return d;
            }
        }
        int a = Math.min(MAX_MATCH, text.length - suffix);
        int b = Math.min(MAX_MATCH, t.length - i);
        return Integer.compare(a, b);
    }

    /**
     * Suffix start positions in lexicographic order of their first {@code depth} characters (a suffix before its
     * extensions). Searches compare at most MAX_MATCH characters, so the index sorts no deeper: that bounds the
     * doubling rounds at log2(MAX_MATCH), where a corpus with long repeats (a text pasted twice) would take
     * log2(n).
     */
    static int[] suffixArray(int[] s, int depth) {
        int n = s.length;
        int[] sa = new int[n];
        int[] rank = new int[n];
        int[] tmp = new int[n];
        if (n == 0) {
            return sa;
        }
        // ranks of single characters: their order among the distinct characters
        int[] sorted = s.clone();
        Arrays.sort(sorted);
        int classes = 0;
        int[] distinct = new int[n];
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct[classes++] = sorted[i];
            }
        }
        for (int i = 0; i < n; i++) {
            rank[i] = Arrays.binarySearch(distinct, 0, classes, s[i]);
        }
        int[] count = new int[Math.max(classes, n) + 1];
        for (int i = 0; i < n; i++) {
            count[rank[i]]++;
        }
        for (int c = 1; c < classes; c++) {
            count[c] += count[c - 1];
        }
        for (int i = n - 1; i >= 0; i--) {
            sa[--count[rank[i]]] = i;
        }
        for (int k = 1; classes < n && k < depth; k <<= 1) {
            // by second key (rank at i + k; none sorts first), then stably by first key
            int p = 0;
            for (int i = n - k; i < n; i++) {
                tmp[p++] = i;
            }
            for (int j = 0; j < n; j++) {
                if (sa[j] >= k) {
                    tmp[p++] = sa[j] - k;
                }
            }
            Arrays.fill(count, 0, classes + 1, 0);
            for (int i = 0; i < n; i++) {
                count[rank[i]]++;
            }
            for (int c = 1; c < classes; c++) {
                count[c] += count[c - 1];
            }
            for (int j = n - 1; j >= 0; j--) {
                sa[--count[rank[tmp[j]]]] = tmp[j];
            }
            tmp[sa[0]] = 0;
            classes = 1;
            for (int j = 1; j < n; j++) {
                int a = sa[j - 1];
                int b = sa[j];
                int ra = a + k < n ? rank[a + k] : -1;
                int rb = b + k < n ? rank[b + k] : -1;
                if (rank[a] != rank[b] || ra != rb) {
                    classes++;
                }
                tmp[b] = classes - 1;
            }
            int[] swap = rank;
            rank = tmp;
            tmp = swap;
        }
        return sa;
    }
}
