package dev.kb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kb.testing.Courses;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short reliability run (4 clients for 3 s, a full re-index every second) so the command cannot rot, and what
 * the load generator counts as failed. The long run's figures live in docs/reliability.md.
 */
class ReliabilitySmokeTest {
    @TempDir
    Path work;

    @Test
    void short_run_under_reindexing_has_no_failures() throws Exception {
        Path course = Courses.fixture();
        Reliability.Result r = Reliability.run(new Reliability.Settings(course, work, 4, Duration.ofSeconds(3),
                Duration.ofSeconds(1), true, 42), line -> { });

        assertThat(r.warmup().failed()).isEmpty();
        assertThat(r.load().failed()).isEmpty();
        assertThat(r.failures()).isZero();
        assertThat(r.load().requests()).isPositive();
        assertThat(r.reindexes().errors()).isEmpty();
        assertThat(r.reindexes().done()).isPositive();
        assertThat(r.passed()).isTrue();
        assertThat(r.heap().usedMax()).isPositive().isLessThanOrEqualTo(r.heap().max());
        assertThat(ReliabilityReport.markdown(r)).contains("| **failed requests** (warm-up included) | **0** |");
        // The course was copied before a file of it was changed; the original is untouched.
        assertThat(Files.readString(Benchmark.changeableFile(course))).doesNotContain("Reliability re-index");
    }

    @Test
    void any_status_but_success_or_not_modified_and_any_refused_connection_is_a_failure() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(status, status == 204 || status == 304 ? -1 : 0);
            exchange.close();
        });
        server.start();
        try {
            HttpLoad.Result ok = load(server.getAddress(), List.of("/200", "/204", "/304"));
            assertThat(ok.failures()).isZero();
            assertThat(ok.requests()).isPositive();

            HttpLoad.Result bad = load(server.getAddress(), List.of("/200", "/404", "/503"));
            assertThat(bad.failures()).isPositive();
            assertThat(bad.failed()).anyMatch(f -> f.endsWith("/404: status 404"))
                    .anyMatch(f -> f.endsWith("/503: status 503"));
        } finally {
            server.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HttpLoad.Result refused = load(new InetSocketAddress("127.0.0.1", closed), List.of("/200"));
        assertThat(refused.failures()).isPositive();
        assertThat(refused.requests()).isZero();
        assertThat(refused.failed()).allMatch(f -> f.contains("ConnectException"));
    }

    private static HttpLoad.Result load(InetSocketAddress address, List<String> paths) throws InterruptedException {
        return HttpLoad.run(address, paths, "", 2, Duration.ZERO, Duration.ofMillis(300), 0, () -> { });
    }
}
