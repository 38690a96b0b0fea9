package io.auditlog.audit.restore;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A producer's restore endpoint, really listening on a free port of 127.0.0.1: it keeps every request it gets and
 * answers the statuses it was given in turn (the last one from then on); status 0 means never answering in time.
 */
final class Producer implements AutoCloseable {

    /** One request as received. */
    record Received(String body, String signature, String restoreId, String contentType) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile int last;

    Producer(Integer... statuses) throws IOException {
        script.addAll(List.of(statuses));
        last = statuses[statuses.length - 1];
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/restore", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("Audit-Signature"),
                    exchange.getRequestHeaders().getFirst("Audit-Restore-Id"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            Integer next = script.poll();
            int status = next == null ? last : next;
            if (status == 0) {
                try {
                    Thread.sleep(5_000); // beyond the test profile's request timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/restore";
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
