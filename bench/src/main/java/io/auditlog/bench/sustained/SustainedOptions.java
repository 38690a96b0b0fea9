package io.auditlog.bench.sustained;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.auditlog.bench.Options;

/**
 * The sustained-load benchmark's options, read as every benchmark reads them ({@code --name=value} or
 * {@code -Dbench.name=value}). {@code --quick=true} changes the defaults to a smoke run's (30 s, small numbers); an
 * option given explicitly still wins.
 */
record SustainedOptions(boolean quick, Duration duration, long minEvents, Duration maxDuration, int eventsPerRequest,
        int clients, int rate, int accounts, int pool, Duration spread, Duration alertEvery, Duration freshnessEvery,
        Duration drainTimeout, long seed, int portBase, String database, Path out, Path auditJar, Path exportJar,
        Path notifyJar, Path analyticsJar, String serviceJavaOpts) {

    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("quick", "true: a smoke run, 30 s and small numbers (default false)");
        HELP.put("duration", "how long ingest runs at least, ISO-8601 (default PT5M; quick PT30S)");
        HELP.put("events", "ingest also runs until this many events are stored (default 5000000; quick 0)");
        HELP.put("max-duration", "ingest stops after this however many events are in (default PT15M)");
        HELP.put("events-per-request", "events per ingest request, at most 1000 (default 1000; quick 200)");
        HELP.put("clients", "concurrent ingest clients (default 4; quick 2)");
        HELP.put("rate", "events per second at most, 0 for the API's full speed (default 0)");
        HELP.put("accounts", "accounts the events are spread over, Zipf-like sizes (default 50; quick 10)");
        HELP.put("pool", "distinct generated events re-sent under new ids each round (default 200000; quick 20000)");
        HELP.put("spread", "the events happened over this span, ending a minute before the run, ISO-8601 (default "
                + "P60D, as the other benchmarks; PT1H is live-shaped: an audit log is sent what just happened)");
        HELP.put("alert-every", "one alert-triggering event this often, ISO-8601 (default PT1S)");
        HELP.put("freshness-every", "one analytics freshness probe at most this often (default PT1S)");
        HELP.put("drain-timeout", "how long the consumers may take to catch up after ingest (default PT30M)");
        HELP.put("seed", "seed of the event generator (default 20261130)");
        HELP.put("port-base", "services on base+1..+4, SMTP on base-55, tokens on base+10 (default 18380)");
        HELP.put("database", "database; its schemas audit, export, notify, analytics are dropped first "
                + "(default auditlog_bench_sustained)");
        HELP.put("out", "report, chart, samples and service logs (default bench/target/sustained)");
        HELP.put("service-java-opts", "JVM options of the four services (default none, as ./platform run)");
        HELP.put("audit-jar", "the audit-service jar (default audit-service/target/quarkus-app/quarkus-run.jar)");
        HELP.put("export-jar", "the export-service jar");
        HELP.put("notification-jar", "the notification-service jar");
        HELP.put("analytics-jar", "the analytics-service jar");
    }

    static SustainedOptions parse(String[] args) {
        Options given = Options.parse(args, HELP);
        boolean quick = Boolean.parseBoolean(given.text("quick", "false"));
        SustainedOptions o = new SustainedOptions(quick,
                duration(given, "duration", quick ? "PT30S" : "PT5M"),
                given.number("events", quick ? 0 : 5_000_000),
                duration(given, "max-duration", "PT15M"),
                given.integer("events-per-request", quick ? 200 : 1000),
                given.integer("clients", quick ? 2 : 4),
                given.integer("rate", 0),
                given.integer("accounts", quick ? 10 : 50),
                given.integer("pool", quick ? 20_000 : 200_000),
                duration(given, "spread", "P60D"),
                duration(given, "alert-every", "PT1S"),
                duration(given, "freshness-every", "PT1S"),
                duration(given, "drain-timeout", "PT30M"),
                given.number("seed", 20261130),
                given.integer("port-base", 18380),
                given.text("database", "auditlog_bench_sustained"),
                given.path("out", Options.projectRoot().resolve("bench/target/sustained")),
                given.jar("audit-jar", "audit-service"), given.jar("export-jar", "export-service"),
                given.jar("notification-jar", "notification-service"), given.jar("analytics-jar", "analytics-service"),
                given.text("service-java-opts", ""));
        Options.require(o.eventsPerRequest >= 1 && o.eventsPerRequest <= 1000, "events-per-request must be 1..1000");
        Options.require(o.clients >= 1 && o.accounts >= 2 && o.pool >= o.eventsPerRequest,
                "clients must be at least 1, accounts at least 2, pool at least events-per-request");
        Options.require(!o.duration.isNegative() && !o.duration.isZero() && o.maxDuration.compareTo(o.duration) >= 0,
                "duration must be positive and max-duration at least duration");
        Options.require(o.rate >= 0, "rate must be 0 (full speed) or a number of events per second");
        Options.require(o.spread.compareTo(Duration.ofMinutes(1)) >= 0 && o.spread.compareTo(Duration.ofDays(90)) <= 0,
                "spread must be PT1M..P90D");
        Options.require(o.portBase > 1024 && o.portBase < 65000, "port-base must be 1025..64999");
        return o;
    }

    static String usage() {
        return Options.usage("bench/run-sustained.sh", HELP);
    }

    int auditPort() {
        return portBase + 1;
    }

    int exportPort() {
        return portBase + 2;
    }

    int notifyPort() {
        return portBase + 3;
    }

    int analyticsPort() {
        return portBase + 4;
    }

    int tokenPort() {
        return portBase + 10;
    }

    /** 18325 with the default base: the local run's SMTP port (2525) is left alone. */
    int smtpPort() {
        return portBase - 55;
    }

    /** The ingest rate as the log and the report name it. */
    String rateText() {
        return rate == 0 ? "full speed" : String.format("at most %,d events/s", rate);
    }

    /** The spread as given (P60D rather than Duration's PT1440H). */
    String spreadText() {
        return spread.toSeconds() % 86_400 == 0 ? "P" + spread.toDays() + "D" : spread.toString();
    }

    private static Duration duration(Options given, String key, String fallback) {
        String value = given.text(key, fallback);
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            Options.require(false, key + " must be an ISO-8601 duration such as PT5M, not " + value);
            return null;
        }
    }
}
