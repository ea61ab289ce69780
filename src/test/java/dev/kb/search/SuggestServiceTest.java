package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.common.InvalidInput;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuggestServiceTest {
    private TestApp app;
    private SuggestService suggest;

    @BeforeAll
    void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
        suggest = app.kb().services().suggest();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void titles_complete_first_with_their_topic() {
        var result = suggest.suggest("capa", "fixture-course", 10);
        assertThat(result.suggestions()).first().satisfies(s -> {
            assertThat(s.text()).isEqualTo("Capabilities");
            assertThat(s.kind()).isEqualTo("title");
            assertThat(s.path()).isEqualTo("security/02-capabilities.md");
            assertThat(s.topicId()).hasSize(16);
        });
    }

    @Test
    void headings_and_code_terms_complete_with_their_section() {
        assertThat(suggest.suggest("service ty", "fixture-course", 10).suggestions())
                .anySatisfy(s -> {
                    assertThat(s.text()).isEqualTo("Service types");
                    assertThat(s.kind()).isEqualTo("heading");
                    assertThat(s.anchor()).isEqualTo("service-types");
                });
        assertThat(suggest.suggest("runAs", "fixture-course", 10).suggestions())
                .extracting(Suggestion::text).contains("runAsNonRoot", "runAsUser");
    }

    @Test
    void every_text_comes_once_and_the_limit_holds() {
        var result = suggest.suggest("c", "fixture-course", 3);
        assertThat(result.suggestions()).hasSizeLessThanOrEqualTo(3)
                .extracting(s -> s.text().toLowerCase()).doesNotHaveDuplicates();
    }

    @Test
    void empty_text_is_invalid_and_punctuation_completes_nothing() {
        assertThatThrownBy(() -> suggest.suggest(" ", null, 10)).isInstanceOf(InvalidInput.class);
        assertThat(suggest.suggest("!!!", null, 10).suggestions()).isEmpty();
    }
}
