package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingPriorTest {

    @Test
    void for_equal_text_a_topic_the_agenda_links_ranks_above_an_orphan(@TempDir Path tmp) throws Exception {
        Path course = Files.createDirectories(tmp.resolve("prior-course"));
        Files.writeString(course.resolve("README.md"), "# Prior\n\n## Agenda\n\n1. Module\n   * [Linked](b-linked.md)\n");
        String text = "# Zebra crossings\n\nA zebra crossing lets pedestrians cross the road safely.\n";
        // The orphan sorts first by path, so only the agenda can put the linked one ahead.
        Files.writeString(course.resolve("a-orphan.md"), text);
        Files.writeString(course.resolve("b-linked.md"), text);
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED)) {
            SearchResult result = app.kb().services().search()
                    .search(new SearchService.Request("zebra crossing", "prior-course", 10, 0));
            assertThat(result.hits()).extracting(SearchHit::path).containsExactly("b-linked.md", "a-orphan.md");
            assertThat(result.hits().get(0).inAgenda()).isTrue();
            assertThat(result.hits().get(0).score()).isGreaterThan(result.hits().get(1).score());
        }
    }
}
