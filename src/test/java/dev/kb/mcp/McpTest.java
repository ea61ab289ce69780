package dev.kb.mcp;

import static dev.kb.testing.McpClients.call;
import static dev.kb.testing.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.McpClients;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** kb's MCP server on the fixture course, through the SDK's own client over Streamable HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpTest {
    private static final String COURSE = "fixture-course";
    private Path dir;
    private TestApp app;
    private McpSyncClient client;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-mcp-");
        app = TestApp.start(Courses.fixtureCopy(dir), TestDatabases.Target.EMBEDDED);
        client = McpClients.connect(app.port());
    }

    @AfterAll
    void stop() {
        client.close();
        app.close();
        Courses.delete(dir);
    }

    @Test
    void lists_the_tools_each_with_an_input_schema() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("search_course", "find_passages",
                "get_topic", "get_prerequisites", "get_learning_path", "get_coverage");
        assertThat(tools).allSatisfy(t -> {
            assertThat(t.description()).isNotBlank();
            assertThat(t.inputSchema()).containsEntry("type", "object").containsKey("properties");
        });
    }

    @Test
    void search_answers_with_text_and_structured_hits() {
        McpSchema.CallToolResult r = call(client, "search_course", Map.of("query", "runAsNonRoot", "course", COURSE));
        assertThat(r.isError()).isFalse();
        assertThat(text(r)).contains("Run as non-root — security/01-non-root.md").contains("**runAsNonRoot**");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hits = (List<Map<String, Object>>) ((Map<String, Object>) r.structuredContent()).get("hits");
        assertThat(hits.get(0)).containsEntry("path", "security/01-non-root.md");
    }

    @Test
    void passages_come_with_citation_urls_relative_to_the_server_root() {
        McpSchema.CallToolResult r = call(client, "find_passages", Map.of("question", "How do I run a container as non-root?",
                "course", COURSE, "k", 2));
        assertThat(r.isError()).isFalse();
        assertThat(text(r)).startsWith("[1] ").contains(" (/api/v1/topics/");
    }

    @Test
    void get_topic_reads_a_topic_or_one_section_by_id_or_path() {
        String id = TopicIds.of(COURSE, "security/01-non-root.md");
        assertThat(text(call(client, "get_topic", Map.of("topicId", id)))).startsWith("# Run as non-root");
        McpSchema.CallToolResult section = call(client, "get_topic", Map.of("course", COURSE,
                "path", "security/01-non-root.md", "section", "why-it-matters"));
        assertThat(text(section)).startsWith("## Why it matters").doesNotContain("runAsNonRoot");
        McpSchema.CallToolResult missing = call(client, "get_topic", Map.of("course", COURSE, "path", "nope.md"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("no topic");
        McpSchema.CallToolResult unnamed = call(client, "get_topic", Map.of());
        assertThat(unnamed.isError()).isTrue();
        assertThat(text(unnamed)).contains("name the topic");
    }

    @Test
    void prerequisites_learning_paths_and_coverage_answer() {
        McpSchema.CallToolResult prerequisites = call(client, "get_prerequisites", Map.of("course", COURSE,
                "path", "security/01-non-root.md"));
        assertThat(prerequisites.isError()).isFalse();
        assertThat(text(prerequisites)).startsWith("Teach in this order:").contains("security/01-non-root.md (goal)")
                // Why a step comes first names the later topic as a reader knows it, not by its hex id.
                .contains("before Run as non-root (security/01-non-root.md): ")
                .doesNotContainPattern("before [0-9a-f]{16}");
        McpSchema.CallToolResult path = call(client, "get_learning_path", Map.of("course", COURSE,
                "goals", List.of("security/01-non-root.md"), "known", List.of("overview.md")));
        assertThat(path.isError()).isFalse();
        assertThat(text(path)).doesNotContain("— overview.md");
        McpSchema.CallToolResult coverage = call(client, "get_coverage", Map.of("course", COURSE));
        assertThat(text(coverage)).startsWith("# Coverage of " + COURSE);
        assertThat(call(client, "get_coverage", Map.of("course", "nope")).isError()).isTrue();
    }

    @Test
    void learning_paths_take_topic_ids_and_paths_alike_over_REST_and_MCP() {
        String goal = "networking/policies exercise.md";
        String known = "setup/01-install.md";
        List<String> byIds = dev.kb.testing.Contract.given(app.port())
                .queryParam("goals", TopicIds.of(COURSE, goal) + "," + TopicIds.of(COURSE, "security/02-capabilities.md"))
                .queryParam("known", TopicIds.of(COURSE, known))
                .get("/api/v1/courses/" + COURSE + "/learning-path").then().statusCode(200)
                .extract().jsonPath().getList("steps.path");
        assertThat(byIds).contains(goal).doesNotContain(known);
        // Paths (one root-relative, as links write them) mixed with an id: what MCP accepted and REST refused.
        List<String> byPaths = dev.kb.testing.Contract.given(app.port())
                .queryParam("goals", goal + ",/security/02-capabilities.md").queryParam("known", known)
                .get("/api/v1/courses/" + COURSE + "/learning-path").then().statusCode(200)
                .extract().jsonPath().getList("steps.path");
        assertThat(byPaths).isEqualTo(byIds);
        McpSchema.CallToolResult mcp = call(client, "get_learning_path", Map.of("course", COURSE,
                "goals", List.of(goal, TopicIds.of(COURSE, "security/02-capabilities.md")), "known", List.of(known)));
        assertThat(mcp.isError()).isFalse();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) mcp.structuredContent())
                .get("steps");
        assertThat(steps).extracting(step -> step.get("path")).isEqualTo(byIds);
        McpSchema.CallToolResult unknown = call(client, "get_learning_path", Map.of("course", COURSE,
                "goals", List.of("nope.md")));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("nope.md");
    }

    @Test
    void mcp_requests_are_logged_timed_and_carry_a_request_id() {
        call(client, "search_course", Map.of("query", "sidecar"));
        io.restassured.RestAssured.given().port(app.port()).header("X-Request-Id", "mcp-trace-7")
                .contentType("application/json").accept("application/json, text/event-stream").body("{}")
                .post("/mcp").then().header("X-Request-Id", "mcp-trace-7");
        String metrics = io.restassured.RestAssured.given().port(app.port()).get("/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/mcp\","
                + "status=\"200\"} [1-9]");
    }

    @Test
    void bad_arguments_are_tool_errors_not_protocol_failures() {
        McpSchema.CallToolResult r = call(client, "search_course", Map.of("query", 42));
        assertThat(r.isError()).isTrue();
        McpSchema.CallToolResult noGoals = call(client, "get_learning_path", Map.of("course", COURSE, "goals", List.of()));
        assertThat(noGoals.isError()).isTrue();
        // A NUL is refused naming the argument, as the HTTP API refuses it, before it reaches PostgreSQL.
        for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of("query", "pods", "course", "a\0b"),
                Map.of("query", "po\0ds"))) {
            McpSchema.CallToolResult nul = call(client, "search_course", args);
            assertThat(nul.isError()).isTrue();
            assertThat(nul.content().toString()).contains("NUL");
        }
        McpSchema.CallToolResult nulTopic = call(client, "get_topic", Map.of("topicId", "x\0y"));
        assertThat(nulTopic.isError()).isTrue();
        assertThat(nulTopic.content().toString()).contains("NUL");
    }

    @Test
    void topics_are_resources_that_follow_the_index() throws IOException {
        List<McpSchema.Resource> resources = client.listResources().resources();
        // Listed as the template says: the path is one percent-encoded segment.
        assertThat(resources).extracting(McpSchema.Resource::uri)
                .contains("kb://fixture-course/security%2F01-non-root.md",
                        "kb://fixture-course/networking%2Fpolicies%20exercise.md")
                .doesNotContain("kb://fixture-course/README.md")
                .allSatisfy(uri -> assertThat(uri).matches("kb://[^/]+/[^/]+"));
        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactly("kb://{course}/{path}");
        // Read as listed, and with the slashes of the path as written.
        for (String uri : List.of("kb://fixture-course/security%2F01-non-root.md",
                "kb://fixture-course/security/01-non-root.md")) {
            McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(uri));
            assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text()).startsWith("# Run as non-root");
        }
        McpSchema.ReadResourceResult spaced = client.readResource(
                new McpSchema.ReadResourceRequest("kb://fixture-course/networking/policies%20exercise.md"));
        assertThat(((McpSchema.TextResourceContents) spaced.contents().get(0)).uri())
                .isEqualTo("kb://fixture-course/networking/policies%20exercise.md");
        for (String missing : List.of("kb://fixture-course/nope.md", "kb://fixture-course/", "kb://fixture-course/%zz",
                "kb://fixture-course/a%00b.md")) {
            assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest(missing)))
                    .isInstanceOf(McpError.class).hasMessageContaining("not found");
        }

        Path course = dir.resolve("fixture-course");
        Files.writeString(course.resolve("security/02-new.md"), "# A new topic\n\nText.\n");
        app.kb().index(COURSE, course);
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .contains("kb://fixture-course/security%2F02-new.md");
        Files.delete(course.resolve("security/02-new.md"));
        app.kb().index(COURSE, course);
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .doesNotContain("kb://fixture-course/security%2F02-new.md");
    }

    @Test
    void an_unknown_tool_is_named_in_the_error() {
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> call(client, "no_such_tool", Map.of()));
        assertThat(error).isInstanceOf(McpError.class);
        assertThat(((McpError) error).getJsonRpcError().message()).isEqualTo("Unknown tool: no_such_tool");
    }
}
