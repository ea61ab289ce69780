package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kb.common.PublicUrl;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Citation URLs (passages, MCP find_passages) come from the operator's {@code --public-url}, or are relative to the
 * server root: a client's {@code Host} header never writes them, or anyone could make kb cite another site.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicUrlTest {
    private static final String EVIL = "evil.example";
    private static final String QUESTION = "How do sidecars move traffic?";
    private Path dir;
    private TestApp relative;
    private TestApp configured;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-public-url-");
        Path course = dir.resolve("url-course");
        Files.createDirectories(course);
        Files.writeString(course.resolve("README.md"), "# URL course\n\n## Agenda\n\n### Mesh\n- [Guide](guide.md)\n");
        Files.writeString(course.resolve("guide.md"), "# Mesh guide\n\n## Sidecars\n\n"
                + PassagesApiTest.prose("sidecar", 12) + "\n");
        relative = TestApp.start(course, TestDatabases.Target.EMBEDDED);
        configured = TestApp.start(course, TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(null, List.of(), PublicUrl.parse("https://kb.example.org/kb/")));
    }

    @AfterAll
    void stop() {
        relative.close();
        configured.close();
        Courses.delete(dir);
    }

    @Test
    void without_a_public_url_citations_are_root_relative_whatever_the_host_header_says() throws IOException {
        for (String url : citationUrls(relative)) {
            assertThat(url).startsWith("/api/v1/topics/").doesNotContain(EVIL);
            given(relative.port()).get(url).then().statusCode(200);
        }
    }

    @Test
    void with_a_public_url_citations_start_with_it_whatever_the_host_header_says() throws IOException {
        for (String url : citationUrls(configured)) {
            assertThat(url).startsWith("https://kb.example.org/kb/api/v1/topics/").doesNotContain(EVIL);
        }
    }

    @Test
    void public_urls_must_be_absolute_http_without_query_fragment_or_credentials() {
        assertThat(PublicUrl.parse("HTTPS://kb.example.org:8443/").base()).isEqualTo("https://kb.example.org:8443");
        assertThat(PublicUrl.parse("http://10.0.0.7/kb//").of("/api/v1/x")).isEqualTo("http://10.0.0.7/kb/api/v1/x");
        for (String bad : List.of("kb.example.org", "/kb", "ftp://kb.example.org", "https://", "https:///x",
                "https://kb.example.org/?x=1", "https://kb.example.org/#top", "http://exa mple.org")) {
            assertThatThrownBy(() -> PublicUrl.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> PublicUrl.parse("https://user:secret@kb.example.org"))
                .hasMessageContaining("credentials").hasMessageNotContaining("secret");
    }

    /** The citation URLs of GET and POST /passages and of MCP find_passages, each asked with a forged Host. */
    private static List<String> citationUrls(TestApp app) throws IOException {
        String get = given(app.port()).header("Host", EVIL).queryParam("q", QUESTION).get("/api/v1/passages")
                .then().statusCode(200).extract().jsonPath().getString("passages[0].citation.url");
        String post = given(app.port()).header("Host", EVIL).contentType(ContentType.JSON)
                .body("{\"q\": \"" + QUESTION + "\"}").post("/api/v1/passages")
                .then().statusCode(200).extract().jsonPath().getString("passages[0].citation.url");
        JsonNode mcp = mcpFindPassages(app.port());
        String mcpUrl = mcp.at("/result/structuredContent/passages/0/citation/url").asText();
        assertThat(mcp.at("/result/content/0/text").asText()).contains("(" + mcpUrl + ")").doesNotContain(EVIL);
        return List.of(get, post, mcpUrl);
    }

    /**
     * find_passages over raw Streamable HTTP, every request with a forged Host (the SDK's client cannot send one:
     * the JDK's HttpClient refuses to set Host).
     */
    private static JsonNode mcpFindPassages(int port) throws IOException {
        Response init = mcp(port, null, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": "
                + "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {}, "
                + "\"clientInfo\": {\"name\": \"forger\", \"version\": \"1\"}}}");
        String session = init.header("Mcp-Session-Id");
        assertThat(session).as(init.asString()).isNotBlank();
        mcp(port, session, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
        Response call = mcp(port, session, "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\": "
                + "{\"name\": \"find_passages\", \"arguments\": {\"question\": \"" + QUESTION + "\", \"k\": 1}}}");
        String body = call.asString();
        // The answer comes as JSON or as one server-sent event whose data is that JSON.
        String json = body.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()).findFirst()
                .orElse(body);
        return new ObjectMapper().readTree(json);
    }

    private static Response mcp(int port, String session, String body) {
        var request = RestAssured.given().port(port).header("Host", EVIL).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(body);
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        Response response = request.post("/mcp");
        assertThat(response.statusCode()).as(response.asString()).isBetween(200, 299);
        return response;
    }
}
