package dev.charrnn.system;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.nio.charset.StandardCharsets;

/**
 * Stores a user's text as its UTF-8 bytes ({@code bytea}): PostgreSQL's text types refuse U+0000, which H2 keeps,
 * so a corpus (and what a model trained on it writes) is kept exactly, and the same on both databases. The text
 * is valid Unicode by then ({@link UnicodeText}), so the encoding is lossless.
 */
@Converter
public class Utf8Text implements AttributeConverter<String, byte[]> {

    @Override
    public byte[] convertToDatabaseColumn(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String convertToEntityAttribute(byte[] utf8) {
        return decode(utf8);
    }

    /** For native queries that read such a column. */
    public static String decode(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }
}
