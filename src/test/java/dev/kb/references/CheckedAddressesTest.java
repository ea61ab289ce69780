package dev.kb.references;

import static dev.kb.testing.LocalWeb.html;
import static dev.kb.testing.LocalWeb.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.kb.store.UrlCheckRow;
import dev.kb.testing.LocalWeb;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker connects to the address it checked, never to what a second lookup of the name says (DNS rebinding),
 * while the request still names the host: Host header, TLS server name and certificate. Names are answered by a
 * test resolver that counts its lookups; the servers are local.
 */
class CheckedAddressesTest {
    private static final InetAddress LOOPBACK = address(127, 0, 0, 1);
    /** Nothing listens here: a connection to it is refused at once. */
    private static final InetAddress OTHER_LOOPBACK = address(127, 0, 0, 2);
    private static final String PASSWORD = "changeit";

    private LocalWeb web;
    private final List<LinkChecker> checkers = new ArrayList<>();
    private final List<String> lookups = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        web = LocalWeb.start();
    }

    @AfterEach
    void stop() {
        checkers.forEach(LinkChecker::close);
        web.close();
    }

    private static CheckSettings settings(boolean allowPrivate) {
        return new CheckSettings(8, 2, Duration.ZERO, Duration.ofMillis(1500), 1, Duration.ofSeconds(1), 5,
                64 * 1024, Duration.ofDays(7), allowPrivate, List.of());
    }

    /** Names resolved by the map, each lookup recorded; other names are unknown. */
    private AddressPolicy.Resolver names(Map<String, InetAddress> names) {
        return host -> {
            lookups.add(host);
            InetAddress a = names.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {a};
        };
    }

    private LinkChecker checker(CheckSettings settings, AddressPolicy policy, SslContextFactory.Client tls) {
        LinkChecker checker = new LinkChecker(settings, policy, tls);
        checkers.add(checker);
        return checker;
    }

    @Test
    void a_name_that_answers_the_check_with_one_address_cannot_send_the_connection_to_another() {
        web.route("/internal", html("Internal", "secret"));
        // The first answer passes the check (a test rule counts only 127.0.0.1 as private); every later answer is the
        // internal server. "localhost" so that a client resolving the name again itself would reach that server.
        AtomicInteger answers = new AtomicInteger();
        AddressPolicy.Resolver rebinding = host -> {
            lookups.add(host);
            return new InetAddress[] {answers.getAndIncrement() == 0 ? OTHER_LOOPBACK : LOOPBACK};
        };
        AddressPolicy policy = new AddressPolicy(false, rebinding, a -> !a.equals(LOOPBACK));
        UrlCheckRow row = checker(settings(false), policy, new SslContextFactory.Client())
                .check("http://localhost:" + web.port() + "/internal");

        assertThat(web.requestCount()).as("requests reaching the internal server").isZero();
        assertThat(lookups).containsExactly("localhost");
        // The connection went to the address checked, where nothing listens.
        assertThat(row.status()).isEqualTo("error");
        assertThat(row.error()).isEqualTo("connection refused");
    }

    @Test
    void the_connection_goes_to_the_resolved_address_and_the_request_names_the_host() {
        web.route("/page", html("Course site", "the page"));
        AddressPolicy policy = new AddressPolicy(true, names(Map.of("course-site.test", LOOPBACK)));
        UrlCheckRow row = checker(settings(true), policy, new SslContextFactory.Client())
                .check("http://course-site.test:" + web.port() + "/page");

        assertThat(row.status()).isEqualTo("ok");
        assertThat(row.title()).isEqualTo("Course site");
        assertThat(web.requests("/page")).extracting(LocalWeb.Request::method).containsExactly("HEAD", "GET");
        assertThat(web.requests("/page")).extracting(LocalWeb.Request::host)
                .containsOnly("course-site.test:" + web.port());
        // One lookup per connection at most: never one to check and another to connect.
        assertThat(lookups).isNotEmpty().containsOnly("course-site.test").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void each_redirect_hop_is_resolved_checked_and_connected_to_by_its_own_name() {
        web.route("/old", ex -> respond(ex, 301, null, null, "Location",
                "http://new-site.test:" + web.port() + "/new"));
        web.route("/new", html("New home", "moved"));
        web.route("/internal", html("Internal", "secret"));
        web.route("/to-internal", ex -> respond(ex, 302, null, null, "Location",
                "http://intranet.test:" + web.port() + "/internal"));
        // 127.0.0.1 counts as public here; intranet.test resolves to a private address.
        InetAddress intranet = address(10, 0, 0, 1);
        AddressPolicy policy = new AddressPolicy(false, names(Map.of("old-site.test", LOOPBACK,
                "new-site.test", LOOPBACK, "intranet.test", intranet)), a -> !a.equals(intranet));
        LinkChecker checker = checker(settings(false), policy, new SslContextFactory.Client());

        UrlCheckRow moved = checker.check("http://old-site.test:" + web.port() + "/old");
        assertThat(moved.status()).isEqualTo("redirected");
        assertThat(moved.finalUrl()).isEqualTo("http://new-site.test:" + web.port() + "/new");
        assertThat(web.requests("/new")).extracting(LocalWeb.Request::host).containsOnly("new-site.test:" + web.port());

        UrlCheckRow refused = checker.check("http://old-site.test:" + web.port() + "/to-internal");
        assertThat(refused.status()).isEqualTo("excluded");
        assertThat(refused.error()).contains("non-public address 10.0.0.1");
        assertThat(web.requests("/internal")).isEmpty();
    }

    @Test
    void https_sends_the_name_as_server_name_and_checks_the_certificate_against_it(@TempDir Path dir)
            throws Exception {
        // A certificate for course-site.test only; both names below resolve to the same local server.
        KeyStore keys = certificate(dir, "course-site.test");
        List<String> serverNames = Collections.synchronizedList(new ArrayList<>());
        HttpsServer server = https(keys, serverNames);
        try {
            int port = server.getAddress().getPort();
            AddressPolicy policy = new AddressPolicy(true, names(Map.of("course-site.test", LOOPBACK,
                    "other-name.test", LOOPBACK)));
            LinkChecker checker = checker(new CheckSettings(8, 2, Duration.ZERO, Duration.ofSeconds(10), 1,
                    Duration.ofSeconds(1), 5, 64 * 1024, Duration.ofDays(7), true, List.of()), policy, trusting(keys));

            UrlCheckRow ok = checker.check("https://course-site.test:" + port + "/");
            assertThat(ok.status()).as(ok.error()).isEqualTo("ok");
            assertThat(ok.title()).isEqualTo("Secure");
            assertThat(serverNames).contains("course-site.test");

            // The same address under a name the certificate does not carry: refused by the name check.
            UrlCheckRow mismatch = checker.check("https://other-name.test:" + port + "/");
            assertThat(mismatch.status()).isEqualTo("error");
            assertThat(mismatch.error()).startsWith("TLS:");
        } finally {
            server.stop(0);
        }
    }

    /** A self-signed certificate for {@code name}, made with the JDK's keytool. */
    private static KeyStore certificate(Path dir, String name) throws Exception {
        Path file = dir.resolve("site.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "site", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** An HTTPS server on 127.0.0.1 that records the server name (SNI) of every request. */
    private static HttpsServer https(KeyStore keys, List<String> serverNames) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            ((ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession()).getRequestedServerNames().stream()
                    .filter(SNIHostName.class::isInstance).forEach(n -> serverNames.add(((SNIHostName) n).getAsciiName()));
            html("Secure", "over TLS").handle(exchange);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The checker's TLS settings with the default host name check, trusting the test certificate. */
    private static SslContextFactory.Client trusting(KeyStore keys) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(context);
        return tls;
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
