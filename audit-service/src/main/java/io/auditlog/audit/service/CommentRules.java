package io.auditlog.audit.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.auditlog.audit.domain.Comment;
import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.FieldProblem;

/** What a comment's text, mentions and ids must be; each problem names its field. */
final class CommentRules {

    static final int EXCERPT = 200;

    private CommentRules() {
    }

    /** Plain text of 1..5000 characters, not only blanks, with line breaks but no other control characters. */
    static void text(String text, List<FieldProblem> problems) {
        if (text == null) {
            problems.add(new FieldProblem("text", "is required"));
            return;
        }
        if (text.isBlank()) {
            problems.add(new FieldProblem("text", "must not be empty or only blanks"));
            return;
        }
        if (text.length() > Comment.MAX_TEXT) {
            problems.add(new FieldProblem("text", "must be at most " + Comment.MAX_TEXT + " characters (it has "
                    + text.length() + ")"));
            return;
        }
        String problem = TextInput.freeTextProblem(text);
        if (problem == null) {
            int tab = text.indexOf('\t');
            problem = tab < 0 ? null : "must not contain control characters (U+0009 at character " + tab
                    + "); only line breaks are kept";
        }
        if (problem != null) {
            problems.add(new FieldProblem("text", problem));
        }
    }

    /** The mentioned user ids in order, each once; null mentions none. */
    static List<String> mentions(List<String> mentions, List<FieldProblem> problems) {
        if (mentions == null) {
            return List.of();
        }
        if (mentions.size() > Comment.MAX_MENTIONS) {
            problems.add(new FieldProblem("mentions", "may name at most " + Comment.MAX_MENTIONS + " people"));
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < mentions.size(); i++) {
            String id = mentions.get(i);
            String problem = id == null || id.isEmpty() ? "must be a user id (from GET /api/v1/people)"
                    : id.length() > 255 ? "must be at most 255 characters" : TextInput.singleLineProblem(id);
            if (problem != null) {
                problems.add(new FieldProblem("mentions[" + i + "]", problem));
            } else {
                ids.add(id);
            }
        }
        return new ArrayList<>(ids);
    }

    /** A comment id as the API issues them, or null when it is not one. */
    static UUID id(String raw) {
        if (raw == null || raw.length() != 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(raw);
            return id.toString().equals(raw.toLowerCase(java.util.Locale.ROOT)) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The start of a text, as a notice quotes it. */
    static String excerpt(String text) {
        String flat = text.strip();
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        int end = EXCERPT - 1;
        if (Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--;
        }
        return flat.substring(0, end) + "\u2026";
    }
}
