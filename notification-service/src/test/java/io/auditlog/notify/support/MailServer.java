package io.auditlog.notify.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.auditlog.local.process.ChildProcesses;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) on a fixed port for the service under test. Tests can stop it and start it again
 * on the same port to play "the mail server is down"; what it received before a stop is kept.
 */
public class MailServer implements QuarkusTestResourceLifecycleManager {

    private static final List<MimeMessage> EARLIER = new ArrayList<>();
    private static GreenMail server;
    private static int port;

    @Override
    public Map<String, String> start() {
        port = ChildProcesses.freePort();
        up();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        down();
    }

    public static synchronized void up() {
        // The port was just given up (down(), or a hung server's close): a few attempts, so that a socket the kernel
        // still counts on it cannot fail the test that restarts the server ("Address already in use" in a CI run).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            GreenMail candidate = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            try {
                candidate.start();
                server = candidate;
                return;
            } catch (IllegalStateException notBound) {
                candidate.stop();
                if (System.nanoTime() > deadline) {
                    throw notBound;
                }
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static synchronized void down() {
        if (server != null) {
            EARLIER.addAll(List.of(server.getReceivedMessages()));
            server.stop();
            server = null;
        }
    }

    /**
     * Replaces the server by one that accepts connections and never says a word, as a hung mail server does; closing
     * the answer closes its connections and frees the port for {@link #up()}.
     */
    public static synchronized AutoCloseable hang() throws IOException {
        down();
        ServerSocket silent = new ServerSocket();
        silent.setReuseAddress(true);
        silent.bind(new InetSocketAddress("127.0.0.1", port));
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
        return () -> {
            silent.close();
            for (Socket socket : held) {
                // Reset rather than closed in order: an orderly close from this side would leave the port in
                // TIME_WAIT, and up() binds it again at once.
                socket.setSoLinger(true, 0);
                socket.close();
            }
        };
    }

    /** Every message received so far, across restarts. */
    public static synchronized List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(EARLIER);
        if (server != null) {
            all.addAll(List.of(server.getReceivedMessages()));
        }
        return all;
    }

    /** Messages received for one address. */
    public static List<MimeMessage> to(String address) {
        return received().stream().filter(recipient(address)).toList();
    }

    /** Waits until the address has at least {@code count} messages; answers them all. */
    public static List<MimeMessage> awaitTo(String address, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MimeMessage> messages = to(address);
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            messages = to(address);
        }
        return messages;
    }

    private static Predicate<MimeMessage> recipient(String address) {
        return message -> {
            try {
                return message.getAllRecipients() != null && List.of(message.getAllRecipients()).stream()
                        .anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
