package io.auditlog.export.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server that stands between a worker and the real audit-service: it fetches the real report
 * stream and hands on only part of it, ending in the way {@link Cut} names, as a dying server, a failing proxy or a
 * reset connection would. One request per connection (it answers {@code Connection: close}).
 */
public final class CuttingUpstream implements AutoCloseable {

    /** How the stream ends; every one of them is a cut stream, none a complete report. */
    public enum Cut {
        /** Proper chunked framing with its last chunk, but the body stops inside a record. */
        CLEAN_END_INSIDE_A_RECORD,
        /** No framing (a body delimited by the connection closing), closed after a whole record. */
        CLOSE_DELIMITED_AFTER_A_RECORD,
        /** Chunked, and the connection closes after a whole record without the last chunk. */
        MISSING_LAST_CHUNK,
        /** Content-Length of the whole body, and the connection closes after a whole record. */
        SHORT_OF_CONTENT_LENGTH,
        /** Chunked, and the connection is reset (TCP RST) after a whole record. */
        CONNECTION_RESET
    }

    private final String upstream;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cutting-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile Cut cut = Cut.CLEAN_END_INSIDE_A_RECORD;
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();

    public CuttingUpstream(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public String url() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** How the next streams end. */
    public void cut(Cut cut) {
        this.cut = cut;
    }

    /** How many report streams were cut so far. */
    public int served() {
        return served.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            String authorization = header(head, "authorization");
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + requestLine[1]));
            if (authorization != null) {
                forward.header("Authorization", authorization);
            }
            HttpResponse<byte[]> real = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            OutputStream out = socket.getOutputStream();
            if (real.statusCode() != 200) {
                out.write(("HTTP/1.1 " + real.statusCode() + " Upstream\r\nContent-Length: " + real.body().length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(real.body());
                out.flush();
                return;
            }
            String type = real.headers().firstValue("Content-Type").orElse("text/csv");
            served.incrementAndGet();
            send(socket, out, real.body(), type, cut);
        } catch (Exception e) {
            // the worker sees a closed connection, which is what this server is for
        }
    }

    private static void send(Socket socket, OutputStream out, byte[] body, String type, Cut cut) throws IOException {
        int recordEnd = recordEndAfter(body, body.length / 2);
        String status = "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nConnection: close\r\n";
        switch (cut) {
            case CLEAN_END_INSIDE_A_RECORD -> {
                out.write((status + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                chunk(out, body, recordEnd - 5);
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            case CLOSE_DELIMITED_AFTER_A_RECORD -> {
                out.write((status + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, recordEnd);
            }
            case MISSING_LAST_CHUNK -> {
                out.write((status + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                chunk(out, body, recordEnd);
            }
            case SHORT_OF_CONTENT_LENGTH -> {
                out.write((status + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, recordEnd);
            }
            case CONNECTION_RESET -> {
                out.write((status + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                chunk(out, body, recordEnd);
                out.flush();
                socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
            }
        }
        out.flush();
    }

    private static void chunk(OutputStream out, byte[] body, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The end of the record that goes on at {@code from} (the test data has no line breaks inside cells). */
    private static int recordEndAfter(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == '\n') {
                return i + 1;
            }
        }
        throw new IllegalStateException("The stream has no record after byte " + from);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request head cut short");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
