package io.auditlog.audit.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads browser, operating system and device class from a User-Agent header for the row details panel. A
 * heuristic over the common browsers, not a full database: unknown agents answer "Other".
 */
public final class UserAgents {

    public record Parsed(String browser, String os, String device) {
    }

    private static final Pattern[] BROWSERS = {
            Pattern.compile("Edg(?:e|A|iOS)?/(\\d+)"), Pattern.compile("OPR/(\\d+)"),
            Pattern.compile("Firefox/(\\d+)"), Pattern.compile("FxiOS/(\\d+)"), Pattern.compile("CriOS/(\\d+)"),
            Pattern.compile("Chrome/(\\d+)"), Pattern.compile("Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/") };
    private static final String[] BROWSER_NAMES = { "Edge", "Opera", "Firefox", "Firefox", "Chrome", "Chrome",
            "Safari" };

    /** A log page repeats the same few agents; parsing each once keeps regexes off the query path. */
    private static final int CACHE_SIZE = 4096;
    private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();

    private UserAgents() {
    }

    public static Parsed parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        Parsed cached = CACHE.get(userAgent);
        if (cached != null) {
            return cached;
        }
        Parsed parsed = new Parsed(browser(userAgent), os(userAgent), device(userAgent));
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear(); // crude but bounded: agents in use are parsed again once
        }
        CACHE.put(userAgent, parsed);
        return parsed;
    }

    private static String browser(String ua) {
        for (int i = 0; i < BROWSERS.length; i++) {
            Matcher m = BROWSERS[i].matcher(ua);
            if (m.find()) {
                return BROWSER_NAMES[i] + " " + m.group(1);
            }
        }
        return "Other";
    }

    private static String os(String ua) {
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
            return "iOS";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        return ua.contains("Linux") ? "Linux" : "Other";
    }

    private static String device(String ua) {
        if (ua.contains("iPad") || (ua.contains("Android") && !ua.contains("Mobile")) || ua.contains("Tablet")) {
            return "Tablet";
        }
        if (ua.contains("Mobi") || ua.contains("iPhone")) {
            return "Mobile";
        }
        return ua.startsWith("Mozilla/") ? "Desktop" : "Other";
    }
}
