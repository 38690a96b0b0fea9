package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * A link's path segment is what URLEncoder gave (spaces as %20), also where it is not called; the object link is
 * what replacing the template's placeholders gave.
 */
class EventViewMapperTest {

    @Test
    void fillsTheObjectLinkAsReplacingThePlaceholdersDid() {
        for (String template : new String[] { "/log?objectType={type}&objectId={id}", "https://x.example/{id}/{type}/{id}",
                "{type}{id}", "{type}", "{id}", "no placeholders", "", "{typ}{ {id}}", "{id}{type}{type}" }) {
            assertEquals(template.replace("{type}", "CONTACT").replace("{id}", "c-9"),
                    EventViewMapper.fill(EventViewMapper.segments(template), "CONTACT", "c-9"), template);
        }
    }

    @Test
    void encodesAPathSegmentAsURLEncoderDid() {
        for (String id : new String[] { "evt-000000042", "A.b_c*D-9", "", "a b", "a+b", "a/b?c#d", "\u00e6\u00f8\u00e5",
                "~tilde", "100%", "\ud83d\ude00", "x\u0000" }) {
            assertEquals(URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"), EventViewMapper.encode(id),
                    id);
        }
    }
}
