package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kb.testing.Courses;
import dev.kb.testing.McpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real course from ../shared, served end to end; skipped where ../shared is absent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealCourseApiTest {
    private static final String COURSE = "istio-kubernetes";
    private TestApp app;

    @BeforeAll
    void start() {
        Path course = Courses.assumeReal();
        TestDatabases.Target target = TestDatabases.targets().get(TestDatabases.targets().size() - 1);
        app = TestApp.start(course, target);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void agenda_yields_37_modules_and_112_items_with_the_expected_statuses() {
        JsonPath agenda = given(app.port()).get("/api/v1/courses/" + COURSE + "/agenda").then().statusCode(200)
                .extract().jsonPath();
        assertThat(agenda.getString("title")).isEqualTo("Istio & Kubernetes");
        assertThat(agenda.getList("sections.modules.flatten()")).hasSize(37);
        List<String> statuses = agenda.getList("sections.modules.items.flatten().status");
        assertThat(statuses).hasSize(112);
        assertThat(statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("linked", 56L, "missing", 1L, "empty", 1L,
                        "external", 10L, "unlinked", 44L));
        assertThat(agenda.getList("sections.modules.items.flatten().findAll { it.status == 'missing' }.path"))
                .containsExactly("explore/01-hack-session-hostpid.md");
    }

    @Test
    void coverage_agrees_with_the_agenda_and_names_orphans_and_empty_documents() {
        JsonPath coverage = given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200)
                .extract().jsonPath();
        assertThat(coverage.getInt("summary.items")).isEqualTo(112);
        assertThat(coverage.getInt("summary.linked")).isEqualTo(56);
        assertThat(coverage.getInt("summary.unlinked")).isEqualTo(44);
        assertThat(coverage.getList("emptyDocuments")).isNotEmpty();
        assertThat(coverage.getInt("summary.orphanDocuments")).isEqualTo(coverage.getList("orphanDocuments").size())
                .isGreaterThan(0);
    }

    @Test
    void every_markdown_file_but_the_agenda_is_a_topic_and_every_topic_answers_within_the_contract() throws Exception {
        long markdownFiles;
        try (var files = Files.walk(Courses.assumeReal())) {
            markdownFiles = files.filter(p -> p.toString().endsWith(".md")).count();
        }
        JsonPath first = given(app.port()).queryParam("course", COURSE).get("/api/v1/topics").then().statusCode(200)
                .extract().jsonPath();
        int total = first.getInt("total");
        assertThat(total).isEqualTo(markdownFiles - 1);
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 100) {
            ids.addAll(given(app.port()).queryParam("course", COURSE).queryParam("offset", offset)
                    .get("/api/v1/topics").then().statusCode(200).extract().jsonPath().getList("items.id"));
        }
        assertThat(new HashSet<>(ids)).hasSize(total);
        for (String id : ids) {
            given(app.port()).get("/api/v1/topics/" + id).then().statusCode(200).body("id", equalTo(id));
        }
    }

    @Test
    void the_course_graph_is_acyclic_and_prerequisites_answer_for_every_topic() {
        JsonPath graph = given(app.port()).get("/api/v1/courses/" + COURSE + "/graph").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> edges = graph.getList("edges");
        assertThat(edges).isNotEmpty();
        assertThat(isAcyclic(edges)).isTrue();
        List<String> ids = graph.getList("nodes.id");
        for (String id : ids) {
            JsonPath view = given(app.port()).get("/api/v1/topics/" + id + "/prerequisites").then().statusCode(200)
                    .extract().jsonPath();
            List<String> path = view.getList("learningPath");
            assertThat(path).last().isEqualTo(id);
        }
    }

    @Test
    void judged_questions_all_answer_within_the_contract() throws Exception {
        Path queries = Courses.assumeReal().resolve("../../eval/queries-dev.tsv").normalize();
        for (String line : Files.readAllLines(queries)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String q = line.split("\t")[0];
            given(app.port()).queryParam("q", q).queryParam("course", COURSE).get("/api/v1/search")
                    .then().statusCode(200);
        }
    }

    private static boolean isAcyclic(List<Map<String, Object>> edges) {
        Map<String, Set<String>> out = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        for (Map<String, Object> e : edges) {
            String from = (String) e.get("from");
            String to = (String) e.get("to");
            if (out.computeIfAbsent(from, k -> new HashSet<>()).add(to)) {
                indegree.merge(to, 1, Integer::sum);
            }
            indegree.putIfAbsent(from, 0);
        }
        List<String> ready = indegree.entrySet().stream().filter(x -> x.getValue() == 0).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(ArrayList::new));
        int seen = 0;
        while (!ready.isEmpty()) {
            String node = ready.remove(ready.size() - 1);
            seen++;
            for (String next : out.getOrDefault(node, Set.of())) {
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return seen == indegree.size();
    }

    @Test
    void an_mcp_client_lists_the_tools_and_calls_each_on_the_real_course() {
        try (McpSyncClient client = McpClients.connect(app.port())) {
            assertThat(client.listTools().tools()).hasSize(6);
            McpSchema.CallToolResult search = McpClients.call(client, "search_course",
                    Map.of("query", "sidecar injection", "course", COURSE));
            assertThat(search.isError()).isFalse();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> hits = (List<Map<String, Object>>) ((Map<String, Object>) search.structuredContent())
                    .get("hits");
            assertThat(hits).isNotEmpty();
            String topicId = (String) hits.get(0).get("topicId");
            String path = (String) hits.get(0).get("path");
            assertThat(McpClients.text(search)).contains(path);

            McpSchema.CallToolResult passages = McpClients.call(client, "find_passages",
                    Map.of("question", "How does Istio inject the sidecar proxy into a pod?", "course", COURSE));
            assertThat(passages.isError()).isFalse();
            assertThat(McpClients.text(passages)).startsWith("[1] ");

            McpSchema.CallToolResult topic = McpClients.call(client, "get_topic", Map.of("topicId", topicId));
            assertThat(topic.isError()).isFalse();
            assertThat(McpClients.text(topic)).isNotBlank();

            McpSchema.CallToolResult prerequisites = McpClients.call(client, "get_prerequisites",
                    Map.of("course", COURSE, "path", path));
            assertThat(prerequisites.isError()).isFalse();
            assertThat(McpClients.text(prerequisites)).contains(path + " (goal)");

            McpSchema.CallToolResult learningPath = McpClients.call(client, "get_learning_path",
                    Map.of("course", COURSE, "goals", List.of(topicId)));
            assertThat(learningPath.isError()).isFalse();

            McpSchema.CallToolResult coverage = McpClients.call(client, "get_coverage", Map.of("course", COURSE));
            assertThat(coverage.isError()).isFalse();
            assertThat(McpClients.text(coverage)).contains("## Broken links");

            assertThat(client.listResources().resources()).hasSizeGreaterThan(200);
        }
    }
}
