package dev.kb.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small web server on 127.0.0.1 for link-check tests: routes answer with whatever a test needs (pages,
 * redirects, errors, slow or endless bodies) and every request is logged, so tests can count and time them.
 * Nothing reaches the internet.
 */
public final class LocalWeb implements AutoCloseable {
    /** One request as the server saw it ({@code host}: its Host header). */
    public record Request(String method, String path, String host, long atNanos) {
    }

    /** Answers one request. */
    public interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private LocalWeb() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(pool);
        server.start();
    }

    public static LocalWeb start() {
        try {
            return new LocalWeb();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public LocalWeb route(String path, Route route) {
        server.createContext(path, exchange -> {
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Host"), System.nanoTime()));
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                route.handle(exchange);
            } catch (IOException ignored) {
                // The client went away (a capped body, a timeout): what the test is about, not a failure.
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    public int requestCount() {
        synchronized (requests) {
            return requests.size();
        }
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Answers with a status, headers as name/value pairs, and a body (none for HEAD). */
    public static void respond(HttpExchange exchange, int status, String contentType, String body, String... headers)
            throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD") || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static Route html(String title, String text) {
        return exchange -> respond(exchange, 200, "text/html; charset=utf-8",
                "<html><head><title>" + title + "</title><script>var hidden = 'scriptword';</script></head>"
                        + "<body><nav>menu</nav><h1>" + title + "</h1><p>" + text + "</p></body></html>");
    }

    /** Writes a body. */
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /** An HTML page of unknown length (chunked), written as the test says: endless, huge, or trickling. */
    public static Route streamedHtml(BodyWriter body) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                body.write(out);
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
