package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserAgentsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36|Chrome 120|Windows|Desktop",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91|Edge 120|Windows|Desktop",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15|Safari 17|macOS|Desktop",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1|Safari 17|iOS|Mobile",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36|Chrome 120|Android|Mobile",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0|Firefox 121|Linux|Desktop",
            "curl/8.4.0|Other|Other|Other" })
    void readsBrowserOsAndDevice(String agent, String browser, String os, String device) {
        UserAgents.Parsed parsed = UserAgents.parse(agent);
        assertEquals(browser, parsed.browser());
        assertEquals(os, parsed.os());
        assertEquals(device, parsed.device());
    }

    @org.junit.jupiter.api.Test
    void noAgentNoParse() {
        assertNull(UserAgents.parse(null));
        assertNull(UserAgents.parse(" "));
    }
}
