package dev.kb.references;

import java.time.Duration;
import java.util.List;

/**
 * How external links are checked.
 *
 * @param concurrency     requests in flight at once
 * @param perHost         requests in flight at once to one host
 * @param hostDelay       pause between two requests to the same host
 * @param timeout         connect and response timeout of one request
 * @param maxAttempts     tries of one request when the server answers 429 or 5xx (or the connection fails)
 * @param maxRetryAfter   the longest Retry-After the checker waits for
 * @param maxRedirects    redirects followed before giving up
 * @param maxBodyBytes    the most of a page read (for its title and text)
 * @param maxAge          how long a result is reused before the URL is checked again
 * @param allowPrivate    allow loopback, private and link-local addresses (off: a course cannot probe the network)
 * @param excludedHosts   hosts (and their subdomains) never checked
 */
public record CheckSettings(int concurrency, int perHost, Duration hostDelay, Duration timeout, int maxAttempts,
                            Duration maxRetryAfter, int maxRedirects, int maxBodyBytes, Duration maxAge,
                            boolean allowPrivate, List<String> excludedHosts) {

    public static CheckSettings defaults() {
        return new CheckSettings(8, 2, Duration.ofMillis(250), Duration.ofSeconds(10), 3, Duration.ofSeconds(30), 5,
                1024 * 1024, Duration.ofDays(7), false, List.of());
    }

    /** Errors (timeouts, 5xx, DNS) are often passing: they are reused for an hour at most. */
    public Duration maxErrorAge() {
        Duration hour = Duration.ofHours(1);
        return maxAge.compareTo(hour) < 0 ? maxAge : hour;
    }

    public CheckSettings withAllowPrivate(boolean allow) {
        return new CheckSettings(concurrency, perHost, hostDelay, timeout, maxAttempts, maxRetryAfter, maxRedirects,
                maxBodyBytes, maxAge, allow, excludedHosts);
    }

    public CheckSettings withMaxAge(Duration age) {
        return new CheckSettings(concurrency, perHost, hostDelay, timeout, maxAttempts, maxRetryAfter, maxRedirects,
                maxBodyBytes, age, allowPrivate, excludedHosts);
    }
}
