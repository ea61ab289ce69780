package dev.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.store.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrerequisiteGraphTest {
    private TestApp app;
    private GraphService graph;
    private Map<String, GraphView.Edge> edges;

    @BeforeAll
    void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
        graph = app.kb().services().graph();
        edges = graph.course("fixture-course").edges().stream()
                .collect(Collectors.toMap(e -> e.from() + ">" + e.to(), Function.identity()));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static String id(String path) {
        return TopicIds.of("fixture-course", path);
    }

    private GraphView.Edge edge(String before, String after) {
        return edges.get(id(before) + ">" + id(after));
    }

    @Test
    void numbered_files_in_one_folder_are_taught_in_number_order() {
        assertThat(edge("security/00-overview.md", "security/01-non-root.md").kind()).isEqualTo("sequence");
        assertThat(edge("security/01-non-root.md", "security/02-capabilities.md").kind()).isEqualTo("sequence");
        assertThat(edge("security/00-overview.md", "security/02-capabilities.md")).isNull();
    }

    @Test
    void items_of_one_agenda_module_follow_each_other_skipping_items_without_a_topic() {
        GraphView.Edge e = edge("networking/services.md", "networking/policies exercise.md");
        assertThat(e.kind()).isEqualTo("agenda");
        assertThat(e.evidence()).contains("Agenda › Networking");
        assertThat(edge("overview.md", "setup/01-install.md").kind()).isEqualTo("agenda");
    }

    @Test
    void the_same_pair_found_twice_keeps_the_strongest_kind_and_all_evidence() {
        GraphView.Edge e = edge("setup/01-install.md", "setup/02-uninstall.md");
        assertThat(e.kind()).isEqualTo("sequence");
        assertThat(e.evidence()).contains("sequence:").contains("agenda:");
    }

    @Test
    void a_link_to_a_topic_the_agenda_teaches_earlier_is_a_prerequisite() {
        GraphView.Edge e = edge("overview.md", "networking/services.md");
        assertThat(e.kind()).isEqualTo("link");
        assertThat(e.evidence()).contains("networking/services.md links overview.md");
    }

    @Test
    void an_edge_that_would_close_a_cycle_is_dropped_with_its_reason() {
        GraphView view = graph.course("fixture-course");
        assertThat(view.dropped()).singleElement().satisfies(d -> {
            assertThat(d.from()).isEqualTo(id("security/02-capabilities.md"));
            assertThat(d.to()).isEqualTo(id("security/01-non-root.md"));
            assertThat(d.kind()).isEqualTo("agenda");
            assertThat(d.reason()).contains("would close a cycle");
        });
        assertThat(edge("security/02-capabilities.md", "security/01-non-root.md")).isNull();
    }

    @Test
    void prerequisites_are_transitive_and_the_learning_path_is_a_teaching_order() {
        PrerequisitesView view = graph.prerequisites(id("networking/policies exercise.md"));
        assertThat(view.learningPath()).containsExactly(id("overview.md"), id("networking/services.md"),
                id("networking/policies exercise.md"));
        assertThat(view.nodes()).extracting(GraphView.Node::path)
                .containsExactly("overview.md", "networking/services.md", "networking/policies exercise.md");
        assertThat(view.edges()).extracting(GraphView.Edge::kind).containsExactlyInAnyOrder("link", "agenda");
    }

    @Test
    void a_topic_nothing_leads_to_has_only_itself_on_its_path() {
        PrerequisitesView view = graph.prerequisites(id("networking/übersicht.md"));
        assertThat(view.learningPath()).containsExactly(id("networking/übersicht.md"));
        assertThat(view.edges()).isEmpty();
    }

    @Test
    void learning_path_orders_every_prerequisite_before_what_needs_it() {
        PrerequisitesView view = graph.prerequisites(id("security/02-capabilities.md"));
        List<String> path = view.learningPath();
        for (GraphView.Edge e : view.edges()) {
            assertThat(path.indexOf(e.from())).isLessThan(path.indexOf(e.to()));
        }
        assertThat(path).startsWith(id("security/00-overview.md")).endsWith(id("security/02-capabilities.md"));
    }
}
