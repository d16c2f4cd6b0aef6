package dev.charrnn.runs;

import dev.charrnn.system.ApiException;
import java.util.Locale;

/**
 * char-rnn's held-out text: the corpus' last {@code fraction} of characters (code points, rounded) validates, the
 * first part trains. The vocabulary stays the whole corpus', so both parts encode.
 */
public record ValidationSplit(int trainLength, int validationLength) {

    public static ValidationSplit of(int characters, double fraction) {
        int validation = (int) Math.round(characters * fraction);
        return new ValidationSplit(characters - validation, validation);
    }

    /** The split, or a 400 saying which part is too short to train or to validate on. */
    static ValidationSplit checked(int characters, double fraction, int seqLength) {
        ValidationSplit split = of(characters, fraction);
        String of =
                String.format(Locale.ROOT, "validationFraction %s of the corpus' %d characters", fraction, characters);
        if (split.trainLength() < seqLength + 1) {
            throw ApiException.badRequest(of + " leaves " + split.trainLength() + " characters to train on; seqLength "
                    + seqLength + " needs at least " + (seqLength + 1));
        }
        if (split.validationLength() < 2) {
            throw ApiException.badRequest(of + " holds out " + split.validationLength()
                    + " characters; validation needs at least 2 (a character and its successor)");
        }
        return split;
    }
}
