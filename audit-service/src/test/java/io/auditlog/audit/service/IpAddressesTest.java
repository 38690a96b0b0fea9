package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical forms; IpAddressFormsTest checks the same forms against PostgreSQL over HTTP. */
class IpAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "203.0.113.7, 203.0.113.7", "0.0.0.0, 0.0.0.0", "::, ::", "::1, ::1", "2001:DB8::1, 2001:db8::1",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1", "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "1:0:2:0:3:0:4:0, 1:0:2:0:3:0:4:0", "1::, 1::", "0:0:1:0:0:0:0:0, 0:0:1::", "::ffff:192.0.2.1, ::ffff:c000:201",
            "1:2:3:4:5:6:192.0.2.1, 1:2:3:4:5:6:c000:201" })
    void addressesAreWrittenCanonically(String sent, String canonical) {
        assertEquals(canonical, IpAddresses.canonicalAddress(sent));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "203.0.113.0/24, 203.0.113.0/24", "2001:DB8::/32, 2001:db8::/32", "0.0.0.0/0, 0.0.0.0/0",
            "::1/128, ::1/128", "10.1.2.3, 10.1.2.3" })
    void networksAreWrittenCanonically(String sent, String canonical) {
        assertEquals(canonical, IpAddresses.canonicalNetwork(sent));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "[::1]", "fe80::1%eth0", "fe80::1%25eth0", "1.2.3.4/24", "010.1.1.1", "1.2.3", "::ffff:1.2.3",
            "٣.2.3.4", "1:2:3:4:5:6:7:8:9", "1:2:3:4::5:6:7:8", "::1:", ":1::", "1:::2", "", " ::1" })
    void otherFormsAreNotAddresses(String sent) {
        assertNull(IpAddresses.canonicalAddress(sent));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "1.2.3.4/٣", "1.2.3.4/33", "::1/129", "1.2.3.4/08", "1.2.3.4/", "10/8", "1.2.3.4/+8",
            "/8", "1.2.3.4/1/2" })
    void otherFormsAreNotNetworks(String sent) {
        assertNull(IpAddresses.canonicalNetwork(sent));
    }
}
