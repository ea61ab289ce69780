package dev.kb.references;

import dev.kb.store.UrlCheckRow;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Checks external URLs the way a careful crawler would: a bounded number of requests at once and per host,
 * a pause between requests to one host, retries with backoff on 429 and 5xx honouring Retry-After, HEAD first and
 * GET where HEAD is refused (and for HTML, whose title and text are kept), redirects followed by hand so every
 * hop's address is checked against the {@link AddressPolicy} (and connected to: see {@link CheckedHttpClient}), a
 * deadline on every exchange, and response bodies read only up to a cap. Close it to release its connections.
 */
public final class LinkChecker implements AutoCloseable {
    private static final String USER_AGENT = "kb-link-checker/1 (checks the links of a training course)";
    private static final Duration BACKOFF = Duration.ofMillis(200);
    private static final int MAX_TEXT_CHARS = 100_000;

    /** Told after every URL, for a progress bar. */
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    private final CheckSettings settings;
    private final CheckedHttpClient http;
    private final Map<String, Semaphore> hostSlots = new ConcurrentHashMap<>();
    private final Map<String, Long> hostNextAllowed = new ConcurrentHashMap<>();

    public LinkChecker(CheckSettings settings) {
        this(settings, new AddressPolicy(settings.allowPrivate()));
    }

    LinkChecker(CheckSettings settings, AddressPolicy policy) {
        this(settings, policy, new SslContextFactory.Client());
    }

    /** @param tls trusted certificates and the host name check (tests trust a certificate of their own) */
    LinkChecker(CheckSettings settings, AddressPolicy policy, SslContextFactory.Client tls) {
        this.settings = settings;
        this.http = new CheckedHttpClient(policy, settings.timeout(), USER_AGENT, tls);
    }

    /**
     * Checks the URLs, handing each result to {@code results} as soon as it is known (from the checking threads),
     * so an interrupted run keeps what it finished. Throws {@link CancellationException} when interrupted.
     */
    public void check(Collection<String> urls, Progress progress, Consumer<UrlCheckRow> results) {
        if (urls.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.concurrency(), urls.size())));
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<?>> futures = urls.stream().<Future<?>>map(url -> pool.submit(() -> {
                results.accept(check(url));
                progress.update(done.incrementAndGet(), urls.size());
            })).toList();
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the link check was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the link check failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks one URL: every outcome is a row; only an interrupt ends it otherwise ({@link CancellationException}). */
    public UrlCheckRow check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return row(url, "error", null, null, null, null, null, "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return row(url, "excluded", null, null, null, null, null, "only http and https are checked");
        }
        try {
            return follow(url, uri);
        } catch (HttpTimeoutException e) {
            return row(url, "error", null, null, null, null, null, "timeout: no complete answer within "
                    + settings.timeout().toMillis() + " ms");
        } catch (AddressPolicy.Refused e) {
            return row(url, "excluded", null, null, null, null, null, e.getMessage());
        } catch (UnknownHostException e) {
            return row(url, "error", null, null, null, null, null, "DNS: unknown host " + uri.getHost());
        } catch (SSLException e) {
            return row(url, "error", null, null, null, null, null, "TLS: " + e.getMessage());
        } catch (ConnectException e) {
            return row(url, "error", null, null, null, null, null, "connection refused");
        } catch (IOException | IllegalArgumentException e) {
            return row(url, "error", null, null, null, null, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            // Not a property of the link: nothing is recorded, the last result stays.
            Thread.currentThread().interrupt();
            throw new CancellationException("the link check was interrupted");
        }
    }

    private UrlCheckRow follow(String url, URI start) throws IOException, InterruptedException {
        URI current = start;
        for (int redirects = 0; ; redirects++) {
            String host = current.getHost();
            if (host == null || host.isBlank()) {
                return row(url, "excluded", null, current.toString(), null, null, null, "no host");
            }
            if (excluded(host)) {
                return row(url, "excluded", null, current.toString(), null, null, null, "host " + host + " is excluded");
            }
            CheckedHttpClient.Answer response;
            try {
                response = send(current, "HEAD", 0);
                if (response.status() >= 400 && response.status() < 500 && response.status() != 429
                        || response.status() == 501) {
                    // Many servers refuse or mishandle HEAD (405, 403, even 404); a GET's status is the one that counts.
                    response = send(current, "GET", 0);
                }
            } catch (AddressPolicy.Refused e) {
                // The policy refuses this hop's host (checked when its connection is made).
                return row(url, "excluded", null, current.toString(), null, null, null, e.getMessage());
            }
            int status = response.status();
            String location = response.header("Location").orElse(null);
            if (status >= 300 && status < 400 && location != null) {
                if (redirects == settings.maxRedirects()) {
                    return row(url, "error", status, current.toString(), null, null, null,
                            "more than " + settings.maxRedirects() + " redirects");
                }
                current = current.resolve(location.strip());
                String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    return row(url, "excluded", status, current.toString(), null, null, null,
                            "redirects to a " + scheme + ": URL");
                }
                continue;
            }
            String contentType = response.header("Content-Type").orElse(null);
            String okStatus = redirects > 0 ? "redirected" : "ok";
            if (status >= 200 && status < 300) {
                if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/html")) {
                    return page(url, current, okStatus, contentType);
                }
                // Videos, PDFs and other binaries: the metadata is all that is kept.
                return row(url, okStatus, status, current.toString(), contentType, null, null, null);
            }
            if (status >= 400 && status < 500 && status != 429) {
                return row(url, "broken", status, current.toString(), contentType, null, null, "HTTP " + status);
            }
            return row(url, "error", status, current.toString(), contentType, null, null,
                    status == 429 ? "rate limited (HTTP 429) after " + settings.maxAttempts() + " attempts" : "HTTP " + status);
        }
    }

    /** An HTML page: its title and readable text, from at most the first {@code maxBodyBytes} of it. */
    private UrlCheckRow page(String url, URI uri, String status, String contentType) throws IOException, InterruptedException {
        CheckedHttpClient.Answer response = send(uri, "GET", settings.maxBodyBytes());
        if (response.status() < 200 || response.status() >= 300) {
            return row(url, response.status() >= 500 ? "error" : "broken", response.status(), uri.toString(),
                    contentType, null, null, "HTTP " + response.status() + " on GET");
        }
        Document html = Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8), uri.toString());
        html.select("script, style, noscript, nav, header, footer, template").remove();
        String text = html.body() == null ? "" : html.body().text();
        return row(url, status, response.status(), uri.toString(), contentType,
                html.title().isBlank() ? null : html.title().strip(),
                text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text, null);
    }

    /**
     * One request, with the host's limits and retries on 429, 5xx, timeouts and failed connections. The whole
     * exchange, body included, must finish within the timeout: a server trickling bytes cannot hold a check.
     */
    private CheckedHttpClient.Answer send(URI uri, String method, int maxBytes) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            CheckedHttpClient.Answer response;
            try {
                response = withHostSlot(uri.getHost(), () -> http.fetch(uri, method, maxBytes));
            } catch (ConnectException | HttpTimeoutException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw e;
                }
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            }
            int status = response.status();
            boolean retry = (status == 429 || status >= 500) && attempt < settings.maxAttempts();
            if (!retry) {
                return response;
            }
            Duration wait = retryAfter(response).orElse(backoff(attempt));
            Thread.sleep(Math.min(wait.toMillis(), settings.maxRetryAfter().toMillis()));
        }
    }

    private interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    /** At most {@code perHost} requests to a host at once, and a pause between two of them. */
    private <T> T withHostSlot(String host, Call<T> call) throws IOException, InterruptedException {
        Semaphore slot = hostSlots.computeIfAbsent(host, h -> new Semaphore(settings.perHost()));
        slot.acquire();
        try {
            long now = System.nanoTime();
            long[] start = new long[1];
            hostNextAllowed.compute(host, (h, next) -> {
                start[0] = next == null ? now : Math.max(next, now);
                return start[0] + settings.hostDelay().toNanos();
            });
            long wait = start[0] - now;
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            return call.call();
        } finally {
            slot.release();
        }
    }

    private Duration backoff(int attempt) {
        return BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 6));
    }

    /** Retry-After as seconds or as an HTTP date. */
    static java.util.Optional<Duration> retryAfter(CheckedHttpClient.Answer response) {
        return response.header("Retry-After").map(String::strip).flatMap(value -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(ZoneOffset.UTC), at);
                    return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (java.time.format.DateTimeParseException notDate) {
                    return java.util.Optional.empty();
                }
            }
        });
    }

    private boolean excluded(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return settings.excludedHosts().stream().anyMatch(x -> h.equals(x) || h.endsWith("." + x));
    }

    @Override
    public void close() {
        http.close();
    }

    private static UrlCheckRow row(String url, String status, Integer httpStatus, String finalUrl, String contentType,
                                   String title, String text, String error) {
        return new UrlCheckRow(url, status, httpStatus, finalUrl, contentType, title, text, error,
                OffsetDateTime.now(ZoneOffset.UTC));
    }
}
