package io.auditlog.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** RFC 8785's own examples (sections 3.2.2, 3.2.3 and Appendix B). */
class CanonicalJsonTest {

    static String jcs(String json) {
        return CanonicalJson.canonicalString(CanonicalJson.parse(json));
    }

    @Test
    void section322Example() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", jcs(input));
    }

    @Test
    void section323SortsByUtf16CodeUnits() {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}", jcs(input));
    }

    @Test
    void appendixBNumbers() {
        String[][] vectors = { { "0000000000000000", "0" }, { "8000000000000000", "0" },
                { "0000000000000001", "5e-324" }, { "8000000000000001", "-5e-324" },
                { "7fefffffffffffff", "1.7976931348623157e+308" }, { "ffefffffffffffff", "-1.7976931348623157e+308" },
                { "4340000000000000", "9007199254740992" }, { "c340000000000000", "-9007199254740992" },
                { "4430000000000000", "295147905179352830000" }, { "44b52d02c7e14af5", "9.999999999999997e+22" },
                { "44b52d02c7e14af6", "1e+23" }, { "44b52d02c7e14af7", "1.0000000000000001e+23" },
                { "444b1ae4d6e2ef4e", "999999999999999700000" }, { "444b1ae4d6e2ef4f", "999999999999999900000" },
                { "444b1ae4d6e2ef50", "1e+21" }, { "3eb0c6f7a0b5ed8c", "9.999999999999997e-7" },
                { "3eb0c6f7a0b5ed8d", "0.000001" }, { "41b3de4355555553", "333333333.3333332" },
                { "41b3de4355555554", "333333333.33333325" }, { "41b3de4355555555", "333333333.3333333" },
                { "41b3de4355555556", "333333333.3333334" }, { "41b3de4355555557", "333333333.33333343" },
                { "becbf647612f3696", "-0.0000033333333333333333" }, { "43143ff3c1cb0959", "1424953923781206.2" } };
        for (String[] v : vectors) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(v[0], 16));
            // Through JSON text, as a stored event's number arrives: the shortest round-trip form of the double.
            String text = d == 0 ? (1 / d < 0 ? "-0" : "0") : new java.math.BigDecimal(d).toString();
            assertEquals(v[1], CanonicalJson.canonicalString(JsonNodeFactory.instance.numberNode(
                    new java.math.BigDecimal(text))), "IEEE " + v[0]);
            assertEquals(v[1], jcs(text), "IEEE " + v[0] + " parsed");
        }
    }

    @Test
    void aNumberBeyondDoublesIsWrittenAsItsDecimalText() {
        assertEquals("{\"big\":\"1" + "0".repeat(400) + "\",\"int\":12345678901234567000}",
                jcs("{\"int\":12345678901234567890,\"big\":1e400}"));
    }

    @Test
    void utf8OutAndControlCharactersEscaped() {
        assertEquals("[\"\\u001f\\t\u00e6\"]", jcs("[\"\\u001f\\t\u00e6\"]"));
        assertEquals("\"æø\"", new String(CanonicalJson.canonicalize(CanonicalJson.parse("\"\\u00e6\\u00f8\"")),
                StandardCharsets.UTF_8));
        assertEquals(6, CanonicalJson.canonicalize(CanonicalJson.parse("\"\\u00e6\\u00f8\"")).length);
    }

    /** Where erdtman's serializer fails (a BigInteger overflow on some subnormals), the number is still written. */
    @Test
    void subnormalNumbersErdtmanCannotWriteAreWrittenByTheDefinition() {
        assertEquals("{\"a\":1e-314,\"b\":-1e-314,\"c\":[5e-324,2.5e-320]}",
                jcs("{\"b\":-1e-314,\"a\":1E-314,\"c\":[4.9e-324,25e-321]}"));
    }

    /** The definition's writer agrees with erdtman's wherever that one writes: normal, subnormal, powers of two, odd. */
    @Test
    void theFallbackWriterAgreesWithErdtmans() throws java.io.IOException {
        java.util.Random random = new java.util.Random(262);
        java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(1e21, 1e-7, 1e-6, 123e-20, 0.1,
                -0.0, 5e-324, Double.MAX_VALUE, Double.MIN_NORMAL, 9007199254740993.0, 1e23, 0.000001));
        for (int exponent = -1074; exponent <= 1023; exponent += 7) {
            values.add(Math.scalb(1.0, exponent)); // powers of two: a rounding interval wider above than below
        }
        for (int i = 0; i < 3000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(Double.longBitsToDouble(random.nextLong() & 0x800fffffffffffffL)); // subnormal
            values.add((random.nextInt(2_000_001) - 1_000_000) * Math.pow(10, random.nextInt(60) - 30));
        }
        for (double d : values) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String erdtman;
            try {
                erdtman = org.erdtman.jcs.NumberToJSON.serializeNumber(d);
            } catch (ArithmeticException e) {
                continue;
            }
            assertEquals(erdtman, CanonicalJson.ecmaScript(d), Double.toString(d));
        }
    }
}
