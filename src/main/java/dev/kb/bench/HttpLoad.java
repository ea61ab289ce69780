package dev.kb.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A small HTTP/1.1 load generator: {@code clients} keep-alive connections, each on its own thread, sending the
 * given requests in turn. Cheap per request (raw sockets, no client library), so on a small machine the server
 * gets the CPU.
 * <p>
 * Without a rate, each client sends its next request when the previous one is answered (a closed loop: the
 * throughput at saturation). With a rate, each client follows a fixed schedule and latency counts from when a
 * request was due, not from when it could be sent, so a stall is charged to every request it delayed (no
 * coordinated omission).
 * <p>
 * A request fails when it is answered with anything but a 2xx or a 304, when the connection fails, or when no
 * answer has come after {@link #TIMEOUT}; failures are counted whenever they end, so none at the end of the run
 * goes unseen.
 */
public final class HttpLoad {
    private static final long MAX_LATENCY_NANOS = Duration.ofMinutes(5).toNanos();
    /** Longer than any answer a person would wait for: a request still unanswered then has failed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How many failures are described in a result, for finding their cause; the rest are only counted. */
    private static final int DESCRIBED = 10;

    /**
     * Requests answered inside the measured window, with their latencies (nanoseconds); failures of requests
     * started in it, the first few described ("GET /path: status 503").
     */
    public record Result(int clients, long requests, long failures, double seconds, Histogram latency,
                         List<String> failed) {
        public double throughput() {
            return requests / seconds;
        }

        public double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private HttpLoad() {
    }

    /**
     * Drives {@code paths} (origin-form targets such as {@code /search?q=x}, already encoded) at a server; each
     * client starts at a different place in the list. Requests started in the warm-up are not counted.
     *
     * @param headers       further request header lines, each ending in CRLF (or empty)
     * @param ratePerSecond total requests per second over all clients, or 0 for as fast as answered
     * @param measuring     called when the warm-up ends and measuring starts
     */
    public static Result run(InetSocketAddress server, List<String> paths, String headers, int clients,
                             Duration warmup, Duration duration, double ratePerSecond, Runnable measuring)
            throws InterruptedException {
        return run(List.of(server), paths, headers, clients, warmup, duration, ratePerSecond, measuring);
    }

    /**
     * {@link #run} against several servers behind a simple round-robin: client {@code c} keeps a connection to server
     * {@code c mod n}, as a load balancer spreading keep-alive connections does.
     */
    public static Result run(List<InetSocketAddress> servers, List<String> paths, String headers, int clients,
                             Duration warmup, Duration duration, double ratePerSecond, Runnable measuring)
            throws InterruptedException {
        long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        long interval = ratePerSecond > 0 ? (long) (clients * 1e9 / ratePerSecond) : 0;
        List<Client> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(servers.get(c % servers.size()), paths, headers, c * paths.size() / clients, start, measureFrom,
                    measureTo, interval);
            all.add(client);
            client.thread.start();
        }
        for (long now = System.nanoTime(); now < measureFrom; now = System.nanoTime()) {
            LockSupport.parkNanos(measureFrom - now);
        }
        measuring.run();
        Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
        long requests = 0;
        long failures = 0;
        List<String> failed = new ArrayList<>();
        for (Client client : all) {
            client.thread.join();
            latency.add(client.latency);
            requests += client.requests;
            failures += client.failures;
            client.failed.stream().limit(DESCRIBED - failed.size()).forEach(failed::add);
        }
        return new Result(clients, requests, failures, duration.toNanos() / 1e9, latency, List.copyOf(failed));
    }

    private static final class Client implements Runnable {
        final Thread thread = new Thread(this, "load-client");
        final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
        final InetSocketAddress server;
        final List<String> paths;
        final String headers;
        final long start;
        final long measureFrom;
        final long measureTo;
        final long interval;
        int next;
        long requests;
        long failures;
        final List<String> failed = new ArrayList<>();
        Connection connection;

        Client(InetSocketAddress server, List<String> paths, String headers, int first, long start, long measureFrom,
               long measureTo, long interval) {
            this.server = server;
            this.paths = paths;
            this.headers = headers;
            this.next = first;
            this.start = start;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.interval = interval;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            for (long i = 0; ; i++) {
                long due = interval > 0 ? start + i * interval : Math.max(start, System.nanoTime());
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                if (due >= measureTo) {
                    break;
                }
                String path = paths.get(next++ % paths.size());
                String failure = send(path);
                long end = System.nanoTime();
                if (due < measureFrom) {
                    continue;
                }
                if (failure != null) {
                    failures++;
                    if (failed.size() < DESCRIBED) {
                        failed.add("GET " + path + ": " + failure);
                    }
                } else if (end <= measureTo) {
                    requests++;
                    latency.recordValue(Math.min(end - due, MAX_LATENCY_NANOS));
                }
            }
            if (connection != null) {
                connection.close();
            }
        }

        /** Null when the request succeeded, else what went wrong. */
        private String send(String path) {
            try {
                if (connection == null) {
                    connection = new Connection(server, headers);
                }
                int status = connection.get(path);
                if (!connection.reusable) {
                    connection.close();
                    connection = null;
                }
                return status >= 200 && status < 300 || status == 304 ? null : "status " + status;
            } catch (IOException | RuntimeException e) {
                // RuntimeException: a malformed length or chunk size in the answer is as failed as a reset.
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                return e instanceof java.net.SocketTimeoutException ? "timed out (" + TIMEOUT.toSeconds() + " s)"
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
    }

    /** One keep-alive connection: sends a GET, reads the status and skips the body (sized or chunked). */
    static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;
        private final String headers;
        boolean reusable = true;

        Connection(InetSocketAddress server, String headers) throws IOException {
            this.headers = headers;
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
            host = server.getHostString() + ":" + server.getPort();
        }

        int get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.") || status.length() < 12) {
                throw new IOException("not an HTTP response: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    reusable = false;
                }
            }
            if (code == 204 || code == 304) {
                return code; // never a body, whatever the headers say (RFC 9112, 6.3)
            } else if (chunked) {
                for (long size = chunk(); size > 0; size = chunk()) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                reusable = false;
                while (in.read() >= 0) {
                    // the body runs to the end of the connection
                }
            }
            return code;
        }

        private long chunk() throws IOException {
            String line = line();
            int semicolon = line.indexOf(';');
            return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed inside a response body");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
