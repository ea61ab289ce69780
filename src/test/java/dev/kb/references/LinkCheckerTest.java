package dev.kb.references;

import static dev.kb.testing.LocalWeb.html;
import static dev.kb.testing.LocalWeb.respond;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.store.UrlCheckRow;
import dev.kb.testing.LocalWeb;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link checker against a real local web server: every behaviour a course's links can provoke. */
class LinkCheckerTest {
    private LocalWeb web;
    private final List<LinkChecker> checkers = new ArrayList<>();

    @BeforeEach
    void start() {
        web = LocalWeb.start();
    }

    @AfterEach
    void stop() {
        checkers.forEach(LinkChecker::close);
        web.close();
    }

    /** A checker closed after the test. */
    private LinkChecker checker(CheckSettings settings) {
        LinkChecker checker = new LinkChecker(settings);
        checkers.add(checker);
        return checker;
    }

    /** Local addresses allowed (the server is on 127.0.0.1), short timeouts, no pause between requests. */
    private static CheckSettings settings() {
        return new CheckSettings(8, 2, Duration.ZERO, Duration.ofMillis(1500), 3, Duration.ofSeconds(5), 5,
                64 * 1024, Duration.ofDays(7), true, List.of());
    }

    private UrlCheckRow check(String path) {
        return checker(settings()).check(web.url(path));
    }

    @Test
    void an_html_page_is_ok_with_its_title_and_readable_text() {
        web.route("/article", html("Sidecar injection explained", "The quokka proxy intercepts traffic."));
        UrlCheckRow row = check("/article");
        assertThat(row.status()).isEqualTo("ok");
        assertThat(row.httpStatus()).isEqualTo(200);
        assertThat(row.contentType()).startsWith("text/html");
        assertThat(row.title()).isEqualTo("Sidecar injection explained");
        assertThat(row.bodyText()).contains("quokka proxy intercepts").doesNotContain("scriptword").doesNotContain("menu");
        assertThat(row.finalUrl()).isEqualTo(web.url("/article"));
        assertThat(row.checkedAt()).isNotNull();
    }

    @Test
    void redirects_are_followed_and_the_final_url_recorded() {
        web.route("/old", ex -> respond(ex, 301, null, null, "Location", "/moved/new"));
        web.route("/moved/new", html("New home", "moved content"));
        UrlCheckRow row = check("/old");
        assertThat(row.status()).isEqualTo("redirected");
        assertThat(row.finalUrl()).isEqualTo(web.url("/moved/new"));
        assertThat(row.title()).isEqualTo("New home");
    }

    @Test
    void a_redirect_loop_ends_as_an_error_after_the_maximum_number_of_redirects() {
        web.route("/loop", ex -> respond(ex, 302, null, null, "Location", "/loop"));
        UrlCheckRow row = check("/loop");
        assertThat(row.status()).isEqualTo("error");
        assertThat(row.error()).contains("more than 5 redirects");
        assertThat(web.requests("/loop")).hasSize(6);
    }

    @Test
    void a_404_is_broken_and_confirmed_with_a_get() {
        web.route("/gone", ex -> respond(ex, 404, "text/plain", "nope"));
        UrlCheckRow row = check("/gone");
        assertThat(row.status()).isEqualTo("broken");
        assertThat(row.httpStatus()).isEqualTo(404);
        assertThat(web.requests("/gone")).extracting(LocalWeb.Request::method).containsExactly("HEAD", "GET");
    }

    @Test
    void where_head_is_refused_a_get_decides_and_a_binary_keeps_only_its_metadata() {
        byte[] pdf = new byte[200_000];
        web.route("/slides.pdf", ex -> {
            if (ex.getRequestMethod().equals("HEAD")) {
                respond(ex, 405, null, null, "Allow", "GET");
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, pdf.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(pdf);
            }
        });
        UrlCheckRow row = check("/slides.pdf");
        assertThat(row.status()).isEqualTo("ok");
        assertThat(row.contentType()).isEqualTo("application/pdf");
        assertThat(row.title()).isNull();
        assertThat(row.bodyText()).isNull();
        assertThat(web.requests("/slides.pdf")).extracting(LocalWeb.Request::method).containsExactly("HEAD", "GET");
    }

    @Test
    void server_errors_are_retried_and_then_reported_as_errors() {
        web.route("/down", ex -> respond(ex, 503, "text/plain", "maintenance"));
        UrlCheckRow row = check("/down");
        assertThat(row.status()).isEqualTo("error");
        assertThat(row.httpStatus()).isEqualTo(503);
        assertThat(web.requests("/down")).hasSize(settings().maxAttempts());
    }

    @Test
    void a_429_is_retried_after_the_time_retry_after_asks_for() {
        AtomicInteger calls = new AtomicInteger();
        web.route("/busy", ex -> {
            if (calls.getAndIncrement() == 0) {
                respond(ex, 429, "text/plain", "slow down", "Retry-After", "1");
            } else {
                html("Finally", "served after waiting").handle(ex);
            }
        });
        UrlCheckRow row = check("/busy");
        assertThat(row.status()).isEqualTo("ok");
        assertThat(row.title()).isEqualTo("Finally");
        List<LocalWeb.Request> requests = web.requests("/busy");
        assertThat(Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void a_server_that_keeps_answering_429_is_an_error_once_the_attempts_are_used_up() {
        web.route("/limited", ex -> respond(ex, 429, "text/plain", "no", "Retry-After", "0"));
        UrlCheckRow row = check("/limited");
        assertThat(row.status()).isEqualTo("error");
        assertThat(row.httpStatus()).isEqualTo(429);
        assertThat(row.error()).contains("rate limited");
        assertThat(web.requests("/limited")).hasSize(3);
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_a_timeout_error() {
        web.route("/slow", ex -> {
            sleep(5_000);
            respond(ex, 200, "text/html", "<title>too late</title>");
        });
        CheckSettings quick = new CheckSettings(8, 2, Duration.ZERO, Duration.ofMillis(300), 2, Duration.ofSeconds(1),
                5, 64 * 1024, Duration.ofDays(7), true, List.of());
        UrlCheckRow row = checker(quick).check(web.url("/slow"));
        assertThat(row.status()).isEqualTo("error");
        assertThat(row.error()).startsWith("timeout");
        assertThat(web.requests("/slow")).hasSize(2);
    }

    @Test
    void a_page_that_trickles_its_body_cannot_hold_the_check() {
        web.route("/trickle", LocalWeb.streamedHtml(out -> {
            out.write("<html><title>endless</title><body>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                sleep(100);
            }
        }));
        CheckSettings quick = new CheckSettings(8, 2, Duration.ZERO, Duration.ofMillis(500), 1, Duration.ofSeconds(1),
                5, 64 * 1024, Duration.ofDays(7), true, List.of());
        UrlCheckRow row = checker(quick).check(web.url("/trickle"));
        assertThat(row.status()).isEqualTo("error");
        assertThat(row.error()).startsWith("timeout");
    }

    @Test
    void a_huge_page_is_read_only_up_to_the_cap() {
        byte[] chunk = "lorem ipsum dolor sit amet ".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        web.route("/huge", LocalWeb.streamedHtml(out -> {
            out.write("<html><head><title>Huge</title></head><body><p>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 2_000; i++) { // about 100 MB, far more than the cap
                out.write(chunk);
            }
        }));
        UrlCheckRow row = check("/huge");
        assertThat(row.status()).isEqualTo("ok");
        assertThat(row.title()).isEqualTo("Huge");
        assertThat(row.bodyText().length()).isBetween(10_000, settings().maxBodyBytes());
    }

    @Test
    void loopback_and_metadata_addresses_are_refused_without_a_request() {
        web.route("/internal", html("Internal", "secret"));
        LinkChecker strict = checker(settings().withAllowPrivate(false));
        UrlCheckRow local = strict.check(web.url("/internal"));
        UrlCheckRow metadata = strict.check("http://169.254.169.254/latest/meta-data/");
        assertThat(local.status()).isEqualTo("excluded");
        assertThat(local.error()).contains("non-public address 127.0.0.1");
        assertThat(metadata.status()).isEqualTo("excluded");
        assertThat(metadata.error()).contains("169.254.169.254");
        assertThat(web.requestCount()).isZero();
    }

    @Test
    void a_redirect_to_a_private_address_is_refused_at_that_hop() {
        // 127.0.0.1 counts as public here (a test rule); the redirect's host resolves to 127.0.0.2, which does not.
        web.route("/start", ex -> respond(ex, 302, null, null, "Location",
                web.url("/secret").replace("127.0.0.1", "intranet.test")));
        web.route("/secret", html("Secret", "internal data"));
        InetAddress intranet = address(127, 0, 0, 2);
        AddressPolicy policy = new AddressPolicy(false, host -> host.equals("intranet.test")
                ? new InetAddress[] {intranet} : InetAddress.getAllByName(host), a -> !a.equals(intranet));
        LinkChecker strict = new LinkChecker(settings().withAllowPrivate(false), policy);
        checkers.add(strict);
        UrlCheckRow row = strict.check(web.url("/start"));
        assertThat(row.status()).isEqualTo("excluded");
        assertThat(row.finalUrl()).contains("intranet.test").endsWith("/secret");
        assertThat(row.error()).contains("non-public address 127.0.0.2");
        assertThat(web.requests("/start")).hasSize(1);
        assertThat(web.requests("/secret")).isEmpty();
    }

    @Test
    void only_http_and_https_are_checked() {
        LinkChecker checker = checker(settings());
        assertThat(checker.check("ftp://example.org/file").status()).isEqualTo("excluded");
        assertThat(checker.check("file:///etc/passwd").status()).isEqualTo("excluded");
        assertThat(checker.check("http://exa mple.org/").status()).isEqualTo("error");
    }

    @Test
    void at_most_the_per_host_limit_of_requests_is_in_flight_at_once() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String path = "/slow" + i;
            web.route(path, ex -> {
                sleep(300);
                respond(ex, 200, "application/octet-stream", null);
            });
            urls.add(web.url(path));
        }
        List<UrlCheckRow> rows = Collections.synchronizedList(new ArrayList<>());
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
        checker(settings()).check(urls, (done, total) -> progress.add(done), rows::add);
        assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r.status()).isEqualTo("ok"));
        assertThat(web.maxInFlight()).isEqualTo(2);
        assertThat(progress).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 6).boxed().toList());
    }

    @Test
    void requests_to_one_host_keep_the_delay_between_them() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String path = "/paced" + i;
            web.route(path, ex -> respond(ex, 204, null, null));
            urls.add(web.url(path));
        }
        CheckSettings paced = new CheckSettings(8, 4, Duration.ofMillis(250), Duration.ofMillis(1500), 1,
                Duration.ofSeconds(1), 5, 1024, Duration.ofDays(7), true, List.of());
        LinkChecker checker = checker(paced);
        // A first request warms the client up (class loading), so arrivals are spaced by the pauses alone.
        web.route("/warm-up", ex -> respond(ex, 204, null, null));
        checker.check(web.url("/warm-up"));
        checker.check(urls, LinkChecker.Progress.NONE, row -> { });
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            web.requests("/paced" + i).forEach(r -> times.add(r.atNanos()));
        }
        Collections.sort(times);
        assertThat(times).hasSize(4);
        // Three pauses of 250 ms; arrival times jitter with connection setup, so the span is what is measured.
        assertThat(Duration.ofNanos(times.get(3) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void only_public_addresses_count_as_public() throws Exception {
        assertThat(AddressPolicy.isPublic(address(93, 184, 216, 34))).isTrue();
        assertThat(AddressPolicy.isPublic(InetAddress.getByName("2606:4700::1"))).isTrue();
        for (String v6 : List.of("::1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1")) {
            assertThat(AddressPolicy.isPublic(InetAddress.getByName(v6))).as(v6).isFalse();
        }
        for (InetAddress a : List.of(address(127, 0, 0, 1), address(10, 1, 2, 3), address(172, 16, 0, 1),
                address(192, 168, 1, 1), address(169, 254, 169, 254), address(100, 64, 0, 1), address(0, 0, 0, 0),
                address(224, 0, 0, 1))) {
            assertThat(AddressPolicy.isPublic(a)).as(a.toString()).isFalse();
        }
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
