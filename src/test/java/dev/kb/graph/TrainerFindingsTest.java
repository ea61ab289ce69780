package dev.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.TopicIds;
import dev.kb.testing.TestApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a trainer found reading a prerequisite graph, each on a fixture course written to show it
 * ({@code courses/trainer-course}): numbering beats "overview first", common words make no edges, agenda order alone
 * does not chain unrelated lessons, a recap is no conflict, a handout is no node, pictures leave out isolated topics
 * and tell same-titled topics apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainerFindingsTest {
    private static final String COURSE = "trainer-course";
    private TestApp app;
    private GraphService graph;

    @BeforeAll
    void start() {
        app = TestApp.fixture(COURSE);
        graph = app.kb().services().graph();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static String id(String path) {
        return TopicIds.of(COURSE, path);
    }

    private List<String> pathTo(String path) {
        return graph.learningPath(id(path)).steps().stream().map(LearningPath.Step::path).toList();
    }

    private boolean before(String earlier, String later) {
        return graph.course(COURSE, null, false, true).edges().stream()
                .anyMatch(e -> e.from().equals(id(earlier)) && e.to().equals(id(later)));
    }

    @Test
    void folder_numbering_beats_an_overview_numbered_after_the_install() {
        // 02-overview names itself an overview, and the agenda teaches 01-install first, in another module.
        assertThat(before("mesh/01-install.md", "mesh/02-overview-gateways.md")).isTrue();
        assertThat(before("mesh/02-overview-gateways.md", "mesh/01-install.md")).isFalse();
        assertThat(pathTo("mesh/03-tracing-exercise.md")).containsSubsequence("mesh/01-install.md",
                "mesh/02-overview-gateways.md", "mesh/03-tracing-exercise.md");
    }

    @Test
    void a_word_many_topics_use_connects_none_of_them() {
        // "user" is a section of run-as and the subject of create-user, but three other topics use it too.
        assertThat(before("accounts/run-as.md", "kubeconfig/create-user.md")).isFalse();
        assertThat(pathTo("kubeconfig/create-user.md")).containsExactly("kubeconfig/create-user.md");
    }

    @Test
    void agenda_order_alone_does_not_chain_lessons_of_unrelated_folders() {
        assertThat(before("admission/engine/rules.md", "admission/signatures/verify.md")).isFalse();
        assertThat(pathTo("cluster/node-agent.md")).doesNotContain("admission/engine/rules.md",
                "admission/signatures/verify.md");
    }

    @Test
    void a_real_inversion_is_a_conflict() {
        assertThat(graph.conflicts(COURSE)).anySatisfy(c -> {
            assertThat(c.prerequisite().path()).isEqualTo("storage/01-volumes.md");
            assertThat(c.topic().path()).isEqualTo("storage/02-claims.md");
            assertThat(c.topicPlace()).isEqualTo("Agenda › Storage › Claims");
        });
    }

    @Test
    void a_topic_the_agenda_links_twice_on_purpose_is_no_conflict() {
        assertThat(graph.conflicts(COURSE)).noneMatch(c -> c.topic().path().equals("cluster/architecture.md")
                || c.prerequisite().path().equals("cluster/architecture.md"));
    }

    @Test
    void handouts_and_the_agenda_are_never_nodes() {
        List<String> nodes = graph.course(COURSE, null, true, true).nodes().stream().map(GraphView.Node::path).toList();
        assertThat(nodes).contains("reference/glossary.md").doesNotContain("_README.md", "README.md");
    }

    @Test
    void topics_without_an_edge_are_left_out_unless_asked_for() {
        List<String> shown = graph.course(COURSE, false).nodes().stream().map(GraphView.Node::path).toList();
        assertThat(shown).contains("mesh/01-install.md").doesNotContain("reference/glossary.md");
        assertThat(graph.course(COURSE, null, true, true).nodes()).extracting(GraphView.Node::path)
                .contains("reference/glossary.md");
    }

    @Test
    void labels_that_collide_get_their_folder() {
        GraphView all = graph.course(COURSE, null, true, true);
        String mermaid = GraphFormats.mermaid(all.nodes(), all.edges());
        assertThat(mermaid).contains("[\"Ingress controller (nginx/)\"]", "[\"Ingress controller (haproxy/)\"]")
                .doesNotContain("[\"Ingress controller\"]");
        assertThat(GraphFormats.dot(COURSE, all.nodes(), all.edges())).contains("label=\"Ingress controller (nginx/)\"");
        assertThat(mermaid).contains("[\"Scheduler\"]");
    }

    @Test
    void topics_the_agenda_leaves_out_follow_the_folder_mate_whose_subject_they_build_on() {
        assertThat(before("procedures/create-procedure.md", "procedures/cursor.md")).isTrue();
        assertThat(before("procedures/cursor.md", "procedures/create-procedure.md")).isFalse();
    }

    @Test
    void a_gap_is_not_suggested_a_topic_that_only_uses_its_words_in_passing() {
        // "Network policies": reference/namespaces.md only mentions a "network namespace".
        assertThat(app.kb().services().gaps().suggest("Network policies", COURSE, 10))
                .noneMatch(s -> s.path().equals("reference/namespaces.md"));
    }
}
