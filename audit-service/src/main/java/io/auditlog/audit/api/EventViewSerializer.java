package io.auditlog.audit.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.EventObject;

/**
 * Writes an {@link EventView} field by field, in the shape Jackson's record serialization gives it (every field,
 * nulls included, in declaration order; {@code details} as the stored JSON). The feed serves a thousand events a
 * page, and the reflective writer spent a fifth of the service's time there (a record accessor invoked per field,
 * per nested record, per event); EventViewSerializerTest compares the two on events with every field set and none.
 */
public final class EventViewSerializer extends StdSerializer<EventView> {

    // Field names encoded once: written from a String, each is escaped and encoded again on every event.
    private static final SerializedString ACCOUNT_ID = new SerializedString("accountId");
    private static final SerializedString ACTION = new SerializedString("action");
    private static final SerializedString ACTOR = new SerializedString("actor");
    private static final SerializedString BROWSER = new SerializedString("browser");
    private static final SerializedString CATEGORY = new SerializedString("category");
    private static final SerializedString CONTEXT = new SerializedString("context");
    private static final SerializedString COUNTRY = new SerializedString("country");
    private static final SerializedString DEPARTMENT = new SerializedString("department");
    private static final SerializedString DETAILS = new SerializedString("details");
    private static final SerializedString DEVICE = new SerializedString("device");
    private static final SerializedString EMAIL = new SerializedString("email");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString IP = new SerializedString("ip");
    private static final SerializedString ITEM_TYPE = new SerializedString("itemType");
    private static final SerializedString LINKS = new SerializedString("links");
    private static final SerializedString LOGIN_TYPE = new SerializedString("loginType");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString OBJECT = new SerializedString("object");
    private static final SerializedString OCCURRED_AT = new SerializedString("occurredAt");
    private static final SerializedString OS = new SerializedString("os");
    private static final SerializedString PATH = new SerializedString("path");
    private static final SerializedString RECORDED_AT = new SerializedString("recordedAt");
    private static final SerializedString REGION = new SerializedString("region");
    private static final SerializedString SELF = new SerializedString("self");
    private static final SerializedString SUBCATEGORY = new SerializedString("subcategory");
    private static final SerializedString TEAMS = new SerializedString("teams");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString USER_AGENT = new SerializedString("userAgent");

    public EventViewSerializer() {
        super(EventView.class);
    }

    @Override
    public void serialize(EventView e, JsonGenerator json, SerializerProvider provider) throws IOException {
        write(e, json);
    }

    /** The event as {@link #serialize} writes it, for a writer that holds a generator and no mapper. */
    public static void write(EventView e, JsonGenerator json) throws IOException {
        json.writeStartObject();
        string(json, ID, e.id());
        string(json, ACCOUNT_ID, e.accountId());
        instant(json, OCCURRED_AT, e.occurredAt());
        instant(json, RECORDED_AT, e.recordedAt());
        string(json, CATEGORY, e.category());
        string(json, SUBCATEGORY, e.subcategory());
        string(json, ACTION, e.action());
        actor(json, e.actor());
        object(json, e.object());
        context(json, e.context());
        json.writeFieldName(DETAILS);
        if (e.details() == null) {
            json.writeNull();
        } else {
            json.writeRawValue(e.details());
        }
        EventLinks links = e.links();
        json.writeFieldName(LINKS);
        if (links == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            string(json, SELF, links.self());
            string(json, OBJECT, links.object());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void string(JsonGenerator json, SerializedString field, String value) throws IOException {
        json.writeFieldName(field);
        json.writeString(value);
    }

    /** As Jackson's InstantSerializer writes it with dates as text (ISO-8601, Instant.toString()). */
    private static void instant(JsonGenerator json, SerializedString field, Instant value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            char[] text = new char[InstantText.MAX_LENGTH];
            int length = InstantText.write(value, text);
            if (length < 0) {
                json.writeString(value.toString());
            } else {
                json.writeString(text, 0, length);
            }
        }
    }

    private static void actor(JsonGenerator json, Actor actor) throws IOException {
        json.writeFieldName(ACTOR);
        if (actor == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        string(json, ID, actor.id());
        string(json, EMAIL, actor.email());
        string(json, NAME, actor.name());
        string(json, TYPE, actor.type() == null ? null : actor.type().name());
        string(json, DEPARTMENT, actor.department() == null ? null : actor.department().name());
        json.writeFieldName(TEAMS);
        List<String> teams = actor.teams();
        if (teams == null) {
            json.writeNull();
        } else {
            json.writeStartArray();
            for (String team : teams) {
                json.writeString(team);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void object(JsonGenerator json, EventObject object) throws IOException {
        json.writeFieldName(OBJECT);
        if (object == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        string(json, TYPE, object.type());
        string(json, ID, object.id());
        string(json, NAME, object.name());
        string(json, PATH, object.path());
        string(json, ITEM_TYPE, object.itemType() == null ? null : object.itemType().name());
        json.writeEndObject();
    }

    private static void context(JsonGenerator json, ContextView context) throws IOException {
        json.writeFieldName(CONTEXT);
        if (context == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        string(json, IP, context.ip());
        string(json, USER_AGENT, context.userAgent());
        string(json, LOGIN_TYPE, context.loginType());
        string(json, COUNTRY, context.country());
        string(json, REGION, context.region());
        string(json, BROWSER, context.browser());
        string(json, OS, context.os());
        string(json, DEVICE, context.device());
        json.writeEndObject();
    }
}
