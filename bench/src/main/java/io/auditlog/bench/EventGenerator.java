package io.auditlog.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Makes the benchmark's events: deterministic for a seed (only the time anchor, "now", moves between runs),
 * spread evenly over the last {@value #DAYS} days (or another span, for a live-shaped load), over accounts of
 * Zipf-like sizes (account 1 is the busiest) and with a realistic mix of categories: about 35% LOGIN,
 * 10% SECURITY, 30% CRM_OBJECT, 20% CONTENT and 5% EXPORT. Actors are a per-account pool of users of uneven activity, each with a usual
 * IP address, browser and location.
 */
public final class EventGenerator {

    static final int DAYS = 60;

    private static final String[] FIRST = {"Ann", "Bo", "Carla", "David", "Eva", "Frederik", "Greta", "Hassan",
            "Ida", "Jonas", "Karin", "Lars", "Maja", "Niels", "Olivia", "Peter", "Rasmus", "Sofie", "Tobias", "Ulla",
            "Victor", "Wilma", "Yusuf", "Zoe", "Amir", "Birgitte", "Chen", "Dorthe", "Emil", "Freja"};
    private static final String[] LAST = {"Lee", "Ek", "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen",
            "Larsen", "Schmidt", "Svensson", "Berg", "Novak", "Garcia", "Smith", "Brown", "Kowalski", "Rossi",
            "Dubois", "Tanaka", "Okafor", "Haddad", "Moreau", "Lund", "Holm", "Dahl"};
    private static final String[] COMPANY = {"Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella",
            "Stark Industries", "Wayne Enterprises", "Acme", "Hooli", "Vandelay", "Tyrell", "Soylent", "Wonka"};
    private static final String[] TEAMS = {"sales", "marketing", "support", "engineering", "finance",
            "customer-success", "operations", "legal"};
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"};
    private static final String[][] PLACES = {{"DK", "Capital"}, {"DK", "Central Jutland"}, {"SE", "Stockholm"},
            {"DE", "Bavaria"}, {"DE", "Berlin"}, {"GB", "England"}, {"US", "California"}, {"US", "New York"},
            {"FR", "Ile-de-France"}, {"NL", "North Holland"}, {"IN", "Karnataka"}, {"BR", "Sao Paulo"}};
    private static final String[] LIFECYCLE = {"subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
            "opportunity", "customer", "evangelist"};
    private static final String[] CRM_TYPES = {"CONTACT", "CONTACT", "CONTACT", "COMPANY", "DEAL", "DEAL", "TICKET"};
    private static final String[] CONTENT_TYPES = {"LANDING_PAGE", "BLOG_POST", "EMAIL", "FILE", "WEBSITE_PAGE"};
    private static final String[] CONTENT_WORDS = {"Spring", "Summer", "Autumn", "Winter", "Launch", "Webinar",
            "Newsletter", "Pricing", "Onboarding", "Case study", "Product update", "Event"};
    private static final String[] EXPORT_TYPES = {"CONTACT", "COMPANY", "DEAL", "TICKET"};

    private final long seed;
    private final int accounts;
    private final Instant anchor;
    private final Duration span;

    /** {@code anchor} is the newest instant an event may have (normally a minute before now). */
    public EventGenerator(long seed, int accounts, Instant anchor) {
        this(seed, accounts, anchor, Duration.ofDays(DAYS));
    }

    /** Events spread over {@code span} up to {@code anchor}. */
    public EventGenerator(long seed, int accounts, Instant anchor, Duration span) {
        this.seed = seed;
        this.accounts = accounts;
        this.anchor = anchor.truncatedTo(ChronoUnit.SECONDS);
        this.span = span;
    }

    public static EventGenerator forNow(long seed, int accounts) {
        return forNow(seed, accounts, Duration.ofDays(DAYS));
    }

    public static EventGenerator forNow(long seed, int accounts, Duration span) {
        return new EventGenerator(seed, accounts, Instant.now().minus(Duration.ofMinutes(1)), span);
    }

    public Instant oldest() {
        return anchor.minus(span);
    }

    public Instant newest() {
        return anchor;
    }

    public static String accountId(int index, int accounts) {
        int width = Math.max(2, String.valueOf(accounts).length());
        return String.format("acct-%0" + width + "d", index + 1);
    }

    /**
     * The events, grouped into single-account batches of at most {@code batchSize}, the batches in the order
     * of their first event (so the load as a whole moves forward in time, as a live system's does).
     */
    public Dataset generate(int count, int batchSize) {
        Random random = new Random(seed);
        Account[] pool = new Account[accounts];
        double[] cumulative = new double[accounts];
        double total = 0;
        for (int a = 0; a < accounts; a++) {
            pool[a] = new Account(accountId(a, accounts), a, random);
            total += 1.0 / (a + 1); // Zipf, s = 1
            cumulative[a] = total;
        }
        long spanMillis = span.toMillis();
        long startMillis = oldest().toEpochMilli();

        List<List<GeneratedEvent>> perAccount = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            perAccount.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            double pick = random.nextDouble() * total;
            int found = java.util.Arrays.binarySearch(cumulative, pick);
            int a = Math.min(accounts - 1, found >= 0 ? found : -found - 1);
            long at = startMillis + (long) ((i + random.nextDouble()) * spanMillis / count);
            perAccount.get(a).add(event(random, pool[a], String.format("evt-%09d", i), Instant.ofEpochMilli(at)));
        }

        List<List<GeneratedEvent>> batches = new ArrayList<>();
        for (List<GeneratedEvent> events : perAccount) {
            for (int from = 0; from < events.size(); from += batchSize) {
                batches.add(List.copyOf(events.subList(from, Math.min(events.size(), from + batchSize))));
            }
        }
        batches.sort(Comparator.comparing((List<GeneratedEvent> b) -> b.get(0).occurredAt())
                .thenComparing(b -> b.get(0).accountId()));
        return new Dataset(List.copyOf(batches), count);
    }

    private GeneratedEvent event(Random random, Account account, String eventId, Instant occurredAt) {
        User actor = account.pickUser(random);
        boolean usual = random.nextDouble() < 0.85;
        String ip = usual ? actor.ip : randomIp(random);
        String userAgent = usual ? actor.userAgent : USER_AGENTS[random.nextInt(USER_AGENTS.length)];
        String[] place = usual ? actor.place : PLACES[random.nextInt(PLACES.length)];

        double roll = random.nextDouble();
        String category;
        String subcategory = null;
        String action;
        String objectType = null;
        String objectId = null;
        String objectName = null;
        String loginType = null;
        String details = null;
        if (roll < 0.35) {
            category = "LOGIN";
            action = "LOGIN";
            subcategory = random.nextDouble() < 0.9 ? "LOGIN_SUCCEEDED" : "LOGIN_FAILED";
            loginType = actor.loginType;
        } else if (roll < 0.45) {
            category = "SECURITY";
            action = "UPDATE";
            User target = account.pickUser(random);
            objectType = "USER";
            objectId = target.id;
            objectName = target.name;
            details = switch (random.nextInt(3)) {
                case 0 -> "{\"before\":{\"twoFactor\":\"DISABLED\"},\"after\":{\"twoFactor\":\"ENABLED\"}}";
                case 1 -> "{\"before\":{\"role\":\"Sales user\"},\"after\":{\"role\":\"Super admin\"}}";
                default -> "{\"before\":{\"passwordChangedAt\":null},\"after\":{\"passwordChangedAt\":\""
                        + occurredAt + "\"}}";
            };
        } else if (roll < 0.75) {
            category = "CRM_OBJECT";
            double kind = random.nextDouble();
            action = kind < 0.25 ? "CREATE" : kind < 0.9 ? "UPDATE" : "DELETE";
            objectType = CRM_TYPES[random.nextInt(CRM_TYPES.length)];
            int number = random.nextInt(200_000);
            objectId = switch (objectType) {
                case "CONTACT" -> "contact-";
                case "COMPANY" -> "company-";
                case "DEAL" -> "deal-";
                default -> "ticket-";
            } + number;
            objectName = switch (objectType) {
                case "CONTACT" -> FIRST[number % FIRST.length] + " " + LAST[(number / FIRST.length) % LAST.length];
                case "COMPANY" -> COMPANY[number % COMPANY.length] + " " + (number % 97);
                case "DEAL" -> COMPANY[number % COMPANY.length] + " renewal " + (2026 + number % 3);
                default -> "Ticket #" + number;
            };
            String before = LIFECYCLE[random.nextInt(LIFECYCLE.length)];
            String after = LIFECYCLE[(java.util.Arrays.asList(LIFECYCLE).indexOf(before) + 1
                    + random.nextInt(LIFECYCLE.length - 1)) % LIFECYCLE.length];
            details = switch (action) {
                case "CREATE" -> "{\"before\":null,\"after\":{\"lifecycle\":\"" + after + "\"}}";
                case "DELETE" -> "{\"before\":{\"lifecycle\":\"" + before + "\"},\"after\":null}";
                default -> "{\"before\":{\"lifecycle\":\"" + before + "\"},\"after\":{\"lifecycle\":\"" + after
                        + "\"}}";
            };
        } else if (roll < 0.95) {
            category = "CONTENT";
            double kind = random.nextDouble();
            action = kind < 0.15 ? "CREATE" : kind < 0.65 ? "READ" : kind < 0.95 ? "UPDATE" : "PERMANENT_DELETE";
            objectType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            int number = random.nextInt(20_000);
            objectId = "content-" + number;
            objectName = CONTENT_WORDS[number % CONTENT_WORDS.length] + " " + objectType.toLowerCase().replace('_', ' ')
                    + " " + number;
            details = switch (action) {
                case "CREATE" -> "{\"before\":null,\"after\":{\"state\":\"DRAFT\"}}";
                case "UPDATE" -> random.nextBoolean()
                        ? "{\"before\":{\"state\":\"DRAFT\"},\"after\":{\"state\":\"PUBLISHED\"}}"
                        : "{\"before\":{\"title\":" + json(objectName) + "},\"after\":{\"title\":"
                                + json(objectName + " (v2)") + "}}";
                case "PERMANENT_DELETE" -> "{\"before\":{\"state\":\"ARCHIVED\"},\"after\":null}";
                default -> null;
            };
        } else {
            category = "EXPORT";
            action = "EXPORT";
            objectType = EXPORT_TYPES[random.nextInt(EXPORT_TYPES.length)];
            int number = random.nextInt(500);
            objectId = "view-" + number;
            objectName = "All " + objectType.toLowerCase() + "s (view " + number + ")";
            details = "{\"before\":null,\"after\":{\"format\":\"" + (random.nextBoolean() ? "CSV" : "XLSX")
                    + "\",\"rows\":" + (1 + random.nextInt(50_000)) + "}}";
        }
        return new GeneratedEvent(account.id, eventId, occurredAt, category, subcategory, action, actor.id,
                actor.email, actor.name, "USER", actor.teams, objectType, objectId, objectName, ip, userAgent,
                loginType, place[0], place[1], details);
    }

    private static String json(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static String randomIp(Random random) {
        int first;
        do {
            first = 11 + random.nextInt(212); // public unicast-ish: 11..222
        } while (first == 127 || first == 172 || first == 192 || first == 100 || first == 169);
        return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** The generated events in load order, as single-account batches for the API. */
    public record Dataset(List<List<GeneratedEvent>> batches, int size) {
    }

    private static final class Account {
        final String id;
        final User[] users;

        Account(String id, int index, Random random) {
            this.id = id;
            int count = 15 + 300 / (index + 1);
            this.users = new User[count];
            String domain = id.replace("acct-", "company") + ".example.com";
            for (int u = 0; u < count; u++) {
                users[u] = new User(id, u, domain, random);
            }
        }

        /** Uneven activity: a few users produce most of the events. */
        User pickUser(Random random) {
            double r = random.nextDouble();
            return users[(int) (users.length * r * r)];
        }
    }

    private static final class User {
        final String id;
        final String email;
        final String name;
        final List<String> teams;
        final String ip;
        final String userAgent;
        final String[] place;
        final String loginType;

        User(String accountId, int index, String domain, Random random) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            this.id = "u-" + accountId.substring(5) + "-" + index;
            this.name = first + " " + last;
            this.email = (first + "." + last + index).toLowerCase() + "@" + domain;
            String team = TEAMS[random.nextInt(TEAMS.length)];
            this.teams = random.nextDouble() < 0.3
                    ? List.of(team, TEAMS[(java.util.Arrays.asList(TEAMS).indexOf(team) + 1) % TEAMS.length])
                    : List.of(team);
            this.ip = randomIp(random);
            this.userAgent = USER_AGENTS[random.nextInt(USER_AGENTS.length)];
            this.place = PLACES[random.nextInt(PLACES.length)];
            this.loginType = random.nextDouble() < 0.7 ? "PASSWORD" : random.nextBoolean() ? "SSO" : "GOOGLE";
        }
    }
}
