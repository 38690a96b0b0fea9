package io.auditlog.bench.sustained;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import io.auditlog.bench.Stats;

/**
 * A steady trickle of alert-triggering events ("admin permission removed", to which one super admin of every
 * account is subscribed) through the same ingest API as the load, one every {@code every}, the accounts in turn;
 * and a watcher of the SMTP server that matches each alert mail to its event by the object id in its subject
 * ({@code alert-000042}). The latency runs from just before the POST to the mail being seen at the SMTP server (the
 * watcher looks every 5 ms).
 */
final class AlertTrickle {

    static final String SUBJECT = "[Audit log] Admin permission removed";
    private static final Pattern ID = Pattern.compile("\\(alert-(\\d+)\\)");

    private final Api api;
    private final GreenMail smtp;
    private final List<String> accounts;
    private final Map<String, String> ingestTokens;
    private final Duration every;
    private final Map<Integer, Long> sentNanos = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> mails = new ConcurrentHashMap<>();
    private final Map<Integer, Long> latencyNanos = new ConcurrentHashMap<>();
    private final List<String> otherMails = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread sender;
    private final Thread watcher;
    private volatile boolean sending = true;
    private volatile boolean watching = true;

    AlertTrickle(Api api, GreenMail smtp, List<String> accounts, Map<String, String> ingestTokens, Duration every) {
        this.api = api;
        this.smtp = smtp;
        this.accounts = accounts;
        this.ingestTokens = ingestTokens;
        this.every = every;
        sender = new Thread(this::send, "alert-trickle");
        watcher = new Thread(this::watch, "alert-mail-watcher");
        watcher.setDaemon(true);
    }

    void start() {
        watcher.start();
        sender.start();
    }

    /** Sends no more events after the one in flight (the watcher goes on until {@link #awaitMails}). */
    void stopSending() {
        sending = false; // not interrupted: an event cut off mid-request might be stored without being counted
    }

    /** Waits for the sender to have stopped. */
    void awaitStopped() throws InterruptedException {
        sender.join();
    }

    /** Waits until every alert sent has its mail, or {@code timeout}; then stops watching. */
    void awaitMails(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latencyNanos.size() < sentNanos.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500); // a mail sent twice would arrive about together with the first
        watching = false;
        watcher.join(5_000);
    }

    int sent() {
        return sentNanos.size();
    }

    Stats.Summary latency() {
        return Stats.ofNanos(latencyNanos.values().stream().mapToLong(Long::longValue).toArray());
    }

    /** Per alert event sent, how many mails it got (0 for none); mails for events never sent under key -1. */
    Map<Integer, Integer> mailsPerAlert() {
        Map<Integer, Integer> result = new java.util.TreeMap<>();
        sentNanos.keySet().forEach(n -> result.put(n, mails.getOrDefault(n, 0)));
        mails.forEach((n, count) -> {
            if (!sentNanos.containsKey(n)) {
                result.merge(-1, count, Integer::sum);
            }
        });
        return result;
    }

    /** Subjects of the other mails seen (the export-ready mail of the mid-run export). */
    List<String> otherMails() {
        return List.copyOf(otherMails);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    private void send() {
        int n = 0;
        long next = System.nanoTime();
        while (sending) {
            String account = accounts.get(n % accounts.size());
            String id = String.format("alert-%06d", n);
            String event = "{\"id\":\"" + id + "\",\"occurredAt\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS)
                    + "\",\"category\":\"USER_MANAGEMENT\",\"action\":\"ADMIN_PERMISSION_REMOVED\","
                    + "\"actor\":{\"id\":\"u-boss\",\"name\":\"Bo Boss\",\"type\":\"USER\"},"
                    + "\"object\":{\"type\":\"USER\",\"id\":\"" + id + "\",\"name\":\"Alert target " + n + "\"}}";
            long start = System.nanoTime();
            sentNanos.put(n, start);
            if (!post(id, ingestTokens.get(account), event)) {
                sentNanos.remove(n); // never accepted: no mail is owed (a stray one shows in the checks)
            }
            n++;
            next += every.toNanos();
            long wait = next - System.nanoTime();
            try {
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /*
     * As a client of the ingest API should: a 503 or a lost answer is sent again with the same event id (the API
     * says so; the event may have been stored after all), up to five times. The latency still runs from the first.
     */
    private boolean post(String id, String token, String event) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                api.post("/api/v1/events", token, event, java.util.Set.of(200, 201));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                if (failures.size() < 5) {
                    failures.add(id + " (attempt " + attempt + "): " + e.getMessage());
                }
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /*
     * GreenMail lists the received messages mailbox by mailbox, not in arrival order, so a new message can appear
     * before older ones: messages are told apart by their Message-ID, not by their place in the list.
     */
    private void watch() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (watching) {
            MimeMessage[] received = smtp.getReceivedMessages();
            long now = System.nanoTime();
            if (received.length > seen.size()) {
                for (MimeMessage message : received) {
                    String subject;
                    try {
                        String identity = message.getMessageID() != null ? message.getMessageID()
                                : message.getSubject() + "|" + java.util.Arrays.toString(message.getHeader("Date"));
                        if (!seen.add(identity)) {
                            continue;
                        }
                        subject = message.getSubject();
                    } catch (Exception e) {
                        subject = "(unreadable: " + e + ")";
                    }
                    Matcher m = subject == null ? null : ID.matcher(subject);
                    if (subject != null && subject.startsWith(SUBJECT) && m.find()) {
                        int n = Integer.parseInt(m.group(1));
                        if (mails.merge(n, 1, Integer::sum) == 1 && sentNanos.containsKey(n)) {
                            latencyNanos.put(n, now - sentNanos.get(n));
                        }
                    } else {
                        otherMails.add(subject);
                    }
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The ids of alerts still without a mail (at most {@code limit}). */
    List<Integer> missing(int limit) {
        List<Integer> missing = new ArrayList<>();
        for (Integer n : new java.util.TreeSet<>(sentNanos.keySet())) {
            if (!mails.containsKey(n) && missing.size() < limit) {
                missing.add(n);
            }
        }
        return missing;
    }
}
