package io.auditlog.notify.domain;

import java.util.List;

/** What a notification mail says, in the shape both of its templates (HTML and plain text) render. */
public record MailModel(String heading, String intro, List<Fact> facts, String linkLabel, String link,
        String accountId, String reason, String settingsUrl) {

    /** One labelled line of the mail: the event, who, when. */
    public record Fact(String label, String value) {
    }
}
