package dev.kb.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Requests are counted under labels from closed sets, whatever methods and paths clients send. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsLabelsTest {
    private static final Pattern SERIES = Pattern.compile(
            "^http_server_requests_seconds_count\\{method=\"([^\"]*)\",route=\"([^\"]*)\",status=\"(\\d{3})\"}",
            Pattern.MULTILINE);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH", "OTHER");
    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(13);
    private TestApp app;

    @BeforeAll
    void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void random_methods_and_unmatched_paths_add_no_label_values_and_no_series() throws Exception {
        sendRandomRequests(60);
        Set<String> afterFirstRound = series();
        sendRandomRequests(60);
        Set<String> afterSecondRound = series();

        // Sixty more requests with new method names and new paths: not one new series.
        assertThat(afterSecondRound).isEqualTo(afterFirstRound);
        Set<String> routes = documentedRoutes();
        Matcher m = SERIES.matcher(scrape());
        int series = 0;
        while (m.find()) {
            series++;
            assertThat(m.group(1)).as("method label").isIn(METHODS);
            assertThat(m.group(2)).as("route label").isIn(routes);
        }
        assertThat(series).isPositive();
        assertThat(afterSecondRound).contains("OTHER unmatched 404", "OTHER /mcp 501");
    }

    /** Methods made of random capitals (as a scanner sends them) on random paths, a real route and the MCP endpoint. */
    private void sendRandomRequests(int n) throws IOException, InterruptedException {
        for (int i = 0; i < n; i++) {
            String method = word(4 + random.nextInt(8)).toUpperCase(java.util.Locale.ROOT);
            String path = switch (i % 4) {
                case 0 -> "/api/v1/courses";
                case 1 -> "/mcp";
                case 2 -> "/" + word(10) + "/" + word(6);
                default -> "/api/v1/" + word(8);
            };
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                    .method(i % 3 == 0 ? "GET" : method, HttpRequest.BodyPublishers.noBody()).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            // 501 is the servlet's answer to a method it does not know (on /mcp); never a failure of kb's own.
            assertThat(status).isBetween(200, 501).isNotEqualTo(500);
        }
    }

    private String word(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Each series as "method route status". */
    private Set<String> series() throws IOException, InterruptedException {
        Set<String> series = new HashSet<>();
        Matcher m = SERIES.matcher(scrape());
        while (m.find()) {
            series.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        // The scrape itself is counted from the second scrape on; it is not one of the random requests.
        series.remove("GET /metrics 200");
        return series;
    }

    /** The route templates of the contract, the MCP endpoint, and "unmatched". */
    private static Set<String> documentedRoutes() throws IOException {
        Set<String> routes = new HashSet<>(Set.of("unmatched", "/mcp"));
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile()).get("paths").fieldNames()
                .forEachRemaining(routes::add);
        return routes;
    }
}
