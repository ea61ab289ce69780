package dev.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.course.AgendaView;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelinkEvaluationTest {
    private static final String README = """
            # Course

            ## Agenda

            * Basics
              * [Install](/setup/install.md)
              * [Pods **and** containers](pods.md "a title")
              * [Recap: pods](pods.md)
              * [Services](<net/services.md>)
              * [Services](net/other.md)
              * [Docs](https://example.org/x.md)
              * [Handout](_README.md)
            """;

    private static AgendaView.Item item(String title, String href, String status, String path) {
        return new AgendaView.Item(title, href, status, path, null, null, null, null);
    }

    private static final List<AgendaView.Item> AGENDA = List.of(
            item("Install", "/setup/install.md", "linked", "setup/install.md"),
            item("Pods and containers", "pods.md", "linked", "pods.md"),
            item("Recap: pods", "pods.md", "linked", "pods.md"),
            item("Services", "net/services.md", "linked", "net/services.md"),
            item("Services", "net/other.md", "linked", "net/other.md"),
            item("Docs", "https://example.org/x.md", "external", null),
            item("Handout", "_README.md", "linked", "_README.md"));

    @Test
    void only_items_with_a_target_of_their_own_a_unique_title_and_a_topic_are_eligible() {
        List<DelinkEvaluation.Item> eligible = DelinkEvaluation.eligible(AGENDA, README, p -> !p.startsWith("_"));
        assertThat(eligible).extracting(DelinkEvaluation.Item::path).containsExactly("setup/install.md");
    }

    @Test
    void delinking_turns_the_link_into_its_text_and_leaves_the_rest() {
        List<AgendaView.Item> two = List.of(AGENDA.get(0), item("Services", "net/services.md", "linked",
                "net/services.md"));
        List<DelinkEvaluation.Item> eligible = DelinkEvaluation.eligible(two, README, p -> true);
        String delinked = DelinkEvaluation.delink(README, eligible);
        assertThat(delinked).contains("  * Install\n", "  * Services\n", "[Services](net/other.md)",
                "[Pods **and** containers](pods.md \"a title\")");
    }

    @Test
    void the_same_seed_chooses_the_same_items_and_another_seed_others() {
        List<DelinkEvaluation.Item> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new DelinkEvaluation.Item("T" + i, "d" + i + ".md", "d" + i + ".md"));
        }
        assertThat(DelinkEvaluation.choose(many, 1, 25)).hasSize(25).isEqualTo(DelinkEvaluation.choose(many, 1, 25))
                .isNotEqualTo(DelinkEvaluation.choose(many, 2, 25));
        assertThat(DelinkEvaluation.choose(many.subList(0, 5), 1, 25)).hasSize(5);
    }
}
