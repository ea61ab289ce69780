package dev.kb.mcp;

import static dev.kb.testing.McpWire.PING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.McpClients;
import dev.kb.testing.McpWire;
import dev.kb.testing.McpWire.Reply;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.modelcontextprotocol.client.McpSyncClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * MCP sessions are bounded: in number per client address and in total, and in time. Clients come from different
 * loopback addresses (127.0.0.1, .2, .3), which the server sees as the connections' own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpSessionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short, so the test waits seconds; long enough that a busy machine's pauses do not end sessions early. */
    private static final Duration IDLE = Duration.ofSeconds(5);
    private Path dir;
    private Path course;

    @BeforeAll
    void copyCourse() throws IOException {
        dir = Files.createTempDirectory("kb-mcp-sessions-");
        course = Courses.fixtureCopy(dir);
    }

    @AfterAll
    void delete() {
        Courses.delete(dir);
    }

    @Test
    void sessions_over_the_caps_are_refused_per_address_and_in_total_saying_when_to_come_back() throws IOException {
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED,
                new Config.McpLimits(3, 2, Duration.ofMinutes(10)))) {
            int port = app.port();
            Reply first = McpWire.initialize(port, "127.0.0.1");
            assertThat(first.status()).isEqualTo(200);
            assertThat(McpWire.initialize(port, "127.0.0.1").status()).isEqualTo(200);

            Reply mine = McpWire.initialize(port, "127.0.0.1");
            assertThat(mine.status()).isEqualTo(429);
            assertThat(mine.session()).isNull();
            assertThat(Integer.parseInt(mine.header("Retry-After"))).isBetween(1, 600);
            JsonNode error = JSON.readTree(mine.body()).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(SessionLimitFilter.LIMIT_CODE);
            assertThat(error.get("message").asText()).contains("too many MCP sessions from this address")
                    .contains("DELETE /mcp");
            assertThat(error.get("data").get("limit").asText()).isEqualTo("mcp-sessions-per-address");
            assertThat(error.get("data").get("max").asInt()).isEqualTo(2);
            // A header anyone can write does not make another client; nor does naming a session one has already.
            assertThat(McpWire.initialize(port, "127.0.0.1", "X-Forwarded-For: 10.9.8.7").status()).isEqualTo(429);
            assertThat(McpWire.initialize(port, "127.0.0.1", "Mcp-Session-Id: " + first.session()).status())
                    .isEqualTo(429);
            assertThat(JSON.readTree(McpWire.post(port, "127.0.0.1", first.session(), "[" + "1,".repeat(600_000) + "1]")
                    .body()).at("/error/data/limit").asText()).isEqualTo("max-body-bytes");

            // Another address still gets one, until the server holds all it keeps.
            assertThat(McpWire.initialize(port, "127.0.0.2").status()).isEqualTo(200);
            Reply full = McpWire.initialize(port, "127.0.0.3");
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.header("Retry-After")).isNotBlank();
            assertThat(JSON.readTree(full.body()).at("/error/data/limit").asText()).isEqualTo("mcp-sessions");
            McpSyncClient refused = McpClients.client(port);
            try {
                // What an MCP client shows its user (from "localhost": 127.0.0.1's cap, or ::1's room in none).
                assertThatThrownBy(refused::initialize).hasStackTraceContaining("Received unexpected status code: ")
                        .hasStackTraceContaining("MCP sessions");
            } finally {
                refused.close();
            }

            // Ending a session makes room; the sessions admitted before still work.
            assertThat(McpWire.delete(port, "127.0.0.1", first.session()).status()).isEqualTo(200);
            Reply again = McpWire.initialize(port, "127.0.0.1");
            assertThat(again.status()).isEqualTo(200);
            assertThat(McpWire.post(port, "127.0.0.1", again.session(), PING).status()).isEqualTo(200);
        }
    }

    @Test
    void an_idle_session_ends_and_its_place_is_free_again() throws Exception {
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED,
                new Config.McpLimits(1, 1, IDLE))) {
            int port = app.port();
            Reply idle = McpWire.initialize(port, "127.0.0.1");
            assertThat(idle.status()).isEqualTo(200);
            assertThat(McpWire.initialize(port, "127.0.0.1").status()).isEqualTo(429);

            await("the idle session to make room", () -> McpWire.initialize(port, "127.0.0.1").status() == 200);
            // The SDK ended it too: its id is unknown now.
            assertThat(McpWire.post(port, "127.0.0.1", idle.session(), PING).status()).isEqualTo(404);
        }
    }

    @Test
    void a_client_that_leaves_without_ending_its_session_is_one_debug_line_and_its_session_ends() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger departures = (Logger) LoggerFactory.getLogger(DepartedClientLogs.class);
        Level level = departures.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        departures.setLevel(Level.DEBUG);
        String session;
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED,
                new Config.McpLimits(1, 1, IDLE))) {
            int port = app.port();
            session = McpWire.initialize(port, "127.0.0.1").session();
            Socket stream = McpWire.openStream(port, "127.0.0.1", session);
            stream.close();
            // The keep-alive ping finds the stream dead; the session, idle since, ends and frees its place.
            await("the departed client's session to end", () -> McpWire.initialize(port, "127.0.0.1").status() == 200);
            assertThat(McpWire.post(port, "127.0.0.1", session, PING).status()).isEqualTo(404);
        } finally {
            root.detachAppender(logs);
            departures.setLevel(level);
        }
        List<ILoggingEvent> events = List.copyOf(logs.list);
        assertThat(events).filteredOn(e -> e.getLoggerName().startsWith("io.modelcontextprotocol")
                && e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
        assertThat(events).filteredOn(e -> e.getLoggerName().equals(DepartedClientLogs.class.getName())
                && e.getFormattedMessage().contains(session)).hasSize(1);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
