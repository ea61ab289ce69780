package dev.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.common.NotFound;
import dev.kb.model.TopicIds;
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
        edges = graph.course("fixture-course", false).edges().stream().filter(e -> !e.kind().equals("implied"))
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

    private static List<String> kinds(GraphView.Edge e) {
        return e.reasons().stream().map(GraphView.Reason::kind).toList();
    }

    @Test
    void declared_prerequisites_come_from_front_matter_and_prerequisites_sections() {
        GraphView.Edge frontMatter = edge("setup/01-install.md", "guides/troubleshooting.md");
        assertThat(frontMatter.kind()).isEqualTo("declared");
        assertThat(frontMatter.weight()).isEqualTo(1.0);
        GraphView.Edge section = edge("security/00-overview.md", "networking/policies exercise.md");
        assertThat(section.kind()).isEqualTo("declared");
        assertThat(section.evidence()).contains("names security/00-overview.md as a prerequisite");
    }

    @Test
    void numbered_files_in_one_folder_are_taught_in_number_order() {
        assertThat(kinds(edge("security/00-overview.md", "security/01-non-root.md"))).contains("sequence");
        assertThat(kinds(edge("security/01-non-root.md", "security/02-capabilities.md"))).contains("sequence");
        assertThat(edge("security/00-overview.md", "security/02-capabilities.md")).isNull();
    }

    @Test
    void a_folders_overview_comes_before_the_exercises_below_it() {
        GraphView.Edge e = edge("security/00-overview.md", "security/labs/exercise-drop-capabilities.md");
        assertThat(e.kind()).isEqualTo("sequence");
        assertThat(e.evidence()).contains("is the overview of security/");
        // "übersicht" names an overview too, and applies to its own folder only.
        assertThat(edge("networking/übersicht.md", "networking/policies exercise.md").kind()).isEqualTo("sequence");
        assertThat(edge("networking/übersicht.md", "setup/02-uninstall.md")).isNull();
    }

    @Test
    void items_of_one_agenda_module_follow_each_other_skipping_items_without_a_topic() {
        assertThat(kinds(edge("networking/services.md", "networking/policies exercise.md"))).contains("agenda");
        assertThat(edge("overview.md", "setup/01-install.md").kind()).isEqualTo("agenda");
        assertThat(edge("overview.md", "setup/01-install.md").evidence()).contains("Agenda › Einstieg");
    }

    @Test
    void a_link_to_a_topic_the_agenda_teaches_earlier_is_a_prerequisite_within_a_module() {
        assertThat(edge("setup/01-install.md", "setup/02-uninstall.md").evidence())
                .contains("link: setup/02-uninstall.md links setup/01-install.md");
        // Across modules a link alone is too little evidence: services links the overview, which stays unordered.
        assertThat(edge("overview.md", "networking/services.md")).isNull();
    }

    @Test
    void mentions_of_a_specific_subject_are_evidence() {
        // An earlier topic has a section on the later one's subject, across modules.
        GraphView.Edge heading = edge("setup/01-install.md", "networking/policies exercise.md");
        assertThat(heading.kind()).isEqualTo("mention");
        assertThat(heading.evidence()).contains("has a section on \"network policies\"");
        // A later topic uses an earlier one's subject in its prose, within a module: one more reason.
        assertThat(edge("networking/services.md", "networking/policies exercise.md").reasons())
                .extracting(GraphView.Reason::kind).containsExactly("agenda", "link", "mention");
    }

    @Test
    void the_same_pair_found_twice_keeps_the_strongest_kind_and_all_reasons() {
        GraphView.Edge e = edge("setup/01-install.md", "setup/02-uninstall.md");
        assertThat(e.kind()).isEqualTo("sequence");
        assertThat(kinds(e)).containsExactly("sequence", "agenda", "link");
        assertThat(e.weight()).isEqualTo(1.0);
    }

    @Test
    void edges_that_would_close_a_cycle_are_dropped_with_their_evidence() {
        GraphView view = graph.course("fixture-course", true);
        assertThat(view.dropped()).hasSize(2);
        assertThat(view.dropped()).anySatisfy(d -> {
            assertThat(d.from()).isEqualTo(id("security/02-capabilities.md"));
            assertThat(d.to()).isEqualTo(id("security/01-non-root.md"));
            assertThat(d.kind()).isEqualTo("agenda");
            assertThat(d.reason()).contains("would close a cycle");
        });
        // Two documents that declare each other: the one declared first in path order stays.
        assertThat(view.dropped()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo("declared");
            assertThat(List.of(d.from(), d.to())).containsExactlyInAnyOrder(id("cycle/a.md"), id("cycle/b.md"));
        });
        assertThat(edge("cycle/a.md", "cycle/b.md") == null ^ edge("cycle/b.md", "cycle/a.md") == null).isTrue();
    }

    @Test
    void the_reduced_graph_leaves_out_edges_other_paths_imply_and_the_full_one_adds_them() {
        GraphView reduced = graph.course("fixture-course", true);
        GraphView full = graph.course("fixture-course", false);
        assertThat(reduced.edges()).noneMatch(e -> e.kind().equals("implied"));
        // overview → setup/01 → setup/02 makes overview → setup/02 implied, not shown when reduced.
        assertThat(reduced.edges()).noneMatch(e -> e.from().equals(id("overview.md")) && e.to().equals(id("setup/02-uninstall.md")));
        assertThat(full.edges()).anySatisfy(e -> {
            assertThat(e.from()).isEqualTo(id("overview.md"));
            assertThat(e.to()).isEqualTo(id("setup/02-uninstall.md"));
            assertThat(e.kind()).isEqualTo("implied");
        });
        assertThat(full.edges().size()).isGreaterThan(reduced.edges().size());
    }

    @Test
    void prerequisites_are_transitive_and_the_learning_path_is_a_teaching_order() {
        PrerequisitesView view = graph.prerequisites(id("networking/policies exercise.md"), true);
        assertThat(view.learningPath()).containsExactly(id("overview.md"), id("setup/01-install.md"),
                id("networking/services.md"), id("security/00-overview.md"), id("networking/übersicht.md"),
                id("networking/policies exercise.md"));
        for (GraphView.Edge e : view.edges()) {
            assertThat(view.learningPath().indexOf(e.from())).isLessThan(view.learningPath().indexOf(e.to()));
        }
    }

    @Test
    void a_topics_learning_path_says_why_each_step_is_there() {
        LearningPath path = graph.learningPath(id("networking/policies exercise.md"));
        assertThat(path.steps()).extracting(LearningPath.Step::path).containsExactly("overview.md",
                "setup/01-install.md", "networking/services.md", "security/00-overview.md",
                "networking/übersicht.md", "networking/policies exercise.md");
        assertThat(path.steps().get(5).goal()).isTrue();
        assertThat(path.steps().get(0).goal()).isFalse();
        assertThat(path.steps().get(3).because()).singleElement().satisfies(b -> {
            assertThat(b.topicId()).isEqualTo(id("networking/policies exercise.md"));
            assertThat(b.kind()).isEqualTo("declared");
        });
    }

    @Test
    void a_path_to_several_goals_leaves_out_what_the_learner_knows_and_what_that_builds_on() {
        LearningPath path = graph.learningPath("fixture-course",
                List.of(id("networking/policies exercise.md"), id("security/02-capabilities.md")),
                List.of(id("setup/01-install.md")));
        assertThat(path.steps()).extracting(LearningPath.Step::path).containsExactly("networking/services.md",
                "security/00-overview.md", "security/01-non-root.md", "security/02-capabilities.md",
                "networking/übersicht.md", "networking/policies exercise.md");
        assertThat(path.steps()).filteredOn(LearningPath.Step::goal).hasSize(2);
    }

    @Test
    void dependents_are_what_builds_on_a_topic() {
        PrerequisitesView view = graph.dependents(id("security/00-overview.md"), true);
        assertThat(view.learningPath()).first().isEqualTo(id("security/00-overview.md"));
        assertThat(view.nodes()).extracting(GraphView.Node::path).contains("security/01-non-root.md",
                "security/02-capabilities.md", "security/labs/exercise-drop-capabilities.md",
                "networking/policies exercise.md");
        assertThat(view.nodes()).extracting(GraphView.Node::path).doesNotContain("overview.md");
    }

    @Test
    void the_agenda_check_names_where_a_topic_comes_before_its_prerequisite() {
        List<Conflict> conflicts = graph.conflicts("fixture-course");
        assertThat(conflicts).anySatisfy(c -> {
            assertThat(c.prerequisite().path()).isEqualTo("security/01-non-root.md");
            assertThat(c.topic().path()).isEqualTo("security/02-capabilities.md");
            assertThat(c.topicPlace()).isEqualTo("Backlog › Reorder test › Capabilities");
            assertThat(c.prerequisitePlace()).isEqualTo("Backlog › Reorder test › Run as non-root");
        });
    }

    @Test
    void unknown_topics_are_not_found() {
        assertThatThrownBy(() -> graph.prerequisites("0000000000000000", true)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> graph.learningPath("fixture-course", List.of("0000000000000000"), List.of()))
                .isInstanceOf(NotFound.class);
    }
}
