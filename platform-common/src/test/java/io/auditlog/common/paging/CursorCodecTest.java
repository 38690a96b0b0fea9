package io.auditlog.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.time.StorableTime;

class CursorCodecTest {

    private static final CursorCodec BY_UUID = CursorCodec.uuidKeyed("t1");
    private static final CursorCodec BY_SEQ = CursorCodec.longKeyed("s1");

    @Test
    void cursorsRoundTripToTheMicrosecond() {
        PageCursor uuid = new PageCursor(Instant.parse("2026-11-20T10:15:30.123456Z"), UUID.randomUUID().toString());
        assertEquals(uuid, BY_UUID.decode(BY_UUID.encode(uuid)).orElseThrow());
        PageCursor seq = new PageCursor(Instant.parse("1969-12-31T23:59:59.999999Z"), "-7");
        assertEquals(seq, BY_SEQ.decode(BY_SEQ.encode(seq)).orElseThrow());
        PageCursor first = new PageCursor(StorableTime.MIN, "1");
        assertEquals(first, BY_SEQ.decode(BY_SEQ.encode(first)).orElseThrow());
        PageCursor last = new PageCursor(StorableTime.END.minusNanos(1000), "1");
        assertEquals(last, BY_SEQ.decode(BY_SEQ.encode(last)).orElseThrow());
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-20T10:15:30Z"), "5");
        assertTrue(CursorCodec.longKeyed("x1").decode(BY_SEQ.encode(cursor)).isEmpty());
    }

    @Test
    void onlyWhatTheCodecWritesDecodes() {
        String uuid = UUID.randomUUID().toString();
        for (String raw : new String[] { "s1:" + Long.MAX_VALUE + ":1", "s1:" + Long.MIN_VALUE + ":1", "s1:+1:1",
                "s1:1:+1", "s1:١:1", "s1:1:١", "s1:1:99999999999999999999", "s1::1", "s1:1:", "s1:1:1:1",
                "s1:1:1 ", "s1:253402300800000000:1", "t1:1:" + uuid.toUpperCase(), "t1:1:" + uuid + "x",
                "t1:1:not-a-uuid" }) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            CursorCodec codec = raw.startsWith("t1") ? BY_UUID : BY_SEQ;
            assertTrue(codec.decode(encoded).isEmpty(), raw);
        }
        for (String bad : new String[] { "", "%%%", "A".repeat(5_000), "czE6MTox=" }) {
            assertTrue(BY_SEQ.decode(bad).isEmpty(), bad);
        }
    }

    @Test
    void aParameterIsAbsentValidOrA400NamingIt() {
        assertEquals(Optional.empty(), BY_SEQ.parameter("cursor", null));
        assertEquals(Optional.empty(), BY_SEQ.parameter("cursor", ""));
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-20T10:15:30Z"), "5");
        assertEquals(cursor, BY_SEQ.parameter("cursor", BY_SEQ.encode(cursor)).orElseThrow());
        ProblemException refused = assertThrows(ProblemException.class, () -> BY_SEQ.parameter("cursor", "nope"));
        assertEquals(400, refused.status());
        assertEquals("cursor", refused.errors().get(0).field());
    }
}
