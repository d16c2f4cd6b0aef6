package dev.charrnn.runs;

import dev.charrnn.system.ApiException;
import dev.charrnn.system.ProblemText;
import dev.charrnn.system.UnicodeText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a JSON merge patch (RFC 7396) of a run sets: a member absent leaves its field alone, null clears it. Only the
 * fields people write (name, tags, notes); everything else about a run is what it was asked and what it did.
 */
record RunPatch(boolean setsName, String name, boolean setsTags, List<String> tags, boolean setsNotes, String notes) {
    static final int MAX_NAME = 200;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    static final int MAX_NOTES = 10_000;
    private static final Set<String> FIELDS = Set.of("name", "tags", "notes");

    static RunPatch parse(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("a run's merge patch is a JSON object with name, tags and/or notes");
        }
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (!FIELDS.contains(member.getKey())) {
                throw ApiException.badRequest(
                        "unknown field " + ProblemText.quote(member.getKey()) + ": a patch sets name, tags and notes");
            }
        }
        JsonNode name = patch.get("name");
        JsonNode tags = patch.get("tags");
        JsonNode notes = patch.get("notes");
        return new RunPatch(
                name != null,
                name == null ? null : label("name", name, MAX_NAME),
                tags != null,
                tags == null ? null : tags(tags),
                notes != null,
                notes == null ? null : notes(notes));
    }

    /** A label people read in lists: at most {@code max} code points, no control characters; null clears it. */
    private static String label(String field, JsonNode node, int max) {
        String text = text(field, node);
        if (text == null) {
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw ApiException.badRequest(field + " has " + length + " characters; at most " + max + " (code points)");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw ApiException.badRequest(String.format(
                        "%s must not contain control characters; character %d is U+%04X",
                        field, text.codePointCount(0, i), (int) text.charAt(i)));
            }
        }
        return text;
    }

    /** Distinct non-blank labels in the order given; null clears them. */
    private static List<String> tags(JsonNode node) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("tags must be an array of strings (or null to remove them)");
        }
        if (node.size() > MAX_TAGS) {
            throw ApiException.badRequest("tags has " + node.size() + " entries; at most " + MAX_TAGS);
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "tags[" + i + "]";
            if (node.get(i).isNull()) {
                throw ApiException.badRequest(field + " must be a string, not null");
            }
            String tag = label(field, node.get(i), MAX_TAG);
            if (tag.isBlank()) {
                throw ApiException.badRequest(field + " must not be blank");
            }
            tags.add(tag);
        }
        return new ArrayList<>(tags);
    }

    /** Free text: line breaks and tabs are fine, other control characters are not. */
    private static String notes(JsonNode node) {
        String text = text("notes", node);
        if (text == null) {
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_NOTES) {
            throw ApiException.badRequest(
                    "notes has " + length + " characters; at most " + MAX_NOTES + " (code points)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw ApiException.badRequest(String.format(
                        "notes must not contain control characters other than line breaks and tabs; character %d "
                                + "is U+%04X",
                        text.codePointCount(0, i), (int) c));
            }
        }
        return text;
    }

    private static String text(String field, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.badRequest(field + " must be a string (or null to remove it)");
        }
        String text = node.asString();
        String problem = UnicodeText.problem(text);
        if (problem != null) {
            throw ApiException.badRequest(field + ": " + problem);
        }
        return text;
    }
}
