package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a new user hit (issue 15), on a small course of German and English documents written for it
 * ({@code courses/search-course}): synonyms that removed results, tables without spaces, small words deciding
 * questions, topics with more of the words ranked lower, no "did you mean", empty snippets, and passage scores
 * that could not say "nothing found".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewUserSearchTest {
    private TestApp app;
    private SearchService search;
    private PassageService passages;

    @BeforeAll
    void start() {
        app = TestApp.fixture("search-course");
        search = app.kb().services().search();
        passages = app.kb().services().passages();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private SearchResult q(String query) {
        return search.search(new SearchService.Request(query, "search-course", 10, 0));
    }

    private List<String> paths(String query) {
        return q(query).hits().stream().map(SearchHit::path).toList();
    }

    private Passages ask(String question) {
        return passages.passages(new PassageService.Request(question, "search-course", 5, 4000));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fault             | mesh/faults.md
            fault injection   | mesh/faults.md
            load tests        | testing/load.md
            access control    | security/access.md
            """)
    void a_synonym_adds_alternatives_and_never_takes_away_what_was_typed(String query, String expected) {
        assertThat(paths(query)).as(query).contains(expected);
    }

    @Test
    void table_cells_and_rows_are_word_boundaries_in_snippets_and_passages() {
        SearchHit hit = q("isolation").hits().get(0);
        assertThat(hit.path()).isEqualTo("reference/ports.md");
        assertThat(hit.snippet()).contains("<mark>Isolation</mark> | Namespaces").doesNotContain("IsolationNamespaces");
        assertThat(q("2379-2380").hits()).first().extracting(SearchHit::snippet).asString()
                .contains("Control plane | TCP | <mark>2379-2380</mark>");
        String passage = ask("which ports does etcd use").passages().get(0).text();
        assertThat(passage).contains("| Control plane | TCP | 2379-2380 | etcd server client API |")
                .contains("| Isolation | Namespaces | none | every team |");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            How do I enable strict mTLS for a namespace? | mesh/mtls.md  | misc/picture.md | mesh/sidecar-basics.md mesh/auto-proxies.md setup/helm.md mesh/circuit-breaking.md
            wie installiere ich istio mit helm           | setup/helm.md | setup/sealed-secrets.md | mesh/faults.md
            """)
    void function_and_question_words_do_not_decide_a_question(String question, String expected,
                                                               String onlyFunctionWords, String withContentWords) {
        List<String> found = paths(question);
        assertThat(found).first().as(question).isEqualTo(expected);
        // A page matching nothing but "how do I … for a" or "wie … ich … mit" comes after every page with a word
        // of the subject.
        int functionWordsPage = found.contains(onlyFunctionWords) ? found.indexOf(onlyFunctionWords) : found.size();
        for (String page : withContentWords.split(" ")) {
            assertThat(found.indexOf(page)).as("%s: %s in %s", question, page, found).isBetween(0, functionWordsPage);
        }
        assertThat(ask(question).passages()).first().extracting(p -> p.citation().path()).isEqualTo(expected);
    }

    @Test
    void a_topic_matching_more_of_the_words_ranks_higher() {
        // Two pages have "sidecar" in their title but no "inject"; the one about injection has both, often.
        assertThat(paths("sidecar injection")).first().isEqualTo("mesh/auto-proxies.md");
    }

    @Test
    void did_you_mean_proposes_a_correction_even_when_typo_tolerance_found_hits() {
        SearchResult result = q("sidcar");
        assertThat(result.total()).isGreaterThanOrEqualTo(3);
        assertThat(result.didYouMean()).isEqualTo("sidecar");
        // Function words and words with synonyms are understood, not corrected.
        assertThat(q("how sidecar").didYouMean()).isNull();
    }

    @Test
    void every_hit_quotes_what_matched_and_exact_matches_beat_fuzzy_ones() {
        for (String query : List.of("circuit breaker", "circuit braker", "proxies", "auto proxies", "coffee break")) {
            assertThat(q(query).hits()).as(query).isNotEmpty()
                    .allSatisfy(h -> assertThat(h.snippet()).as(query + ": " + h.path()).contains("<mark>"));
        }
        assertThat(paths("circuit breaker")).first().isEqualTo("mesh/circuit-breaking.md");
    }

    @Test
    void passage_scores_say_how_good_the_answer_is_whatever_the_question() {
        Passages good = ask("How does a circuit breaker eject failing hosts?");
        Passages poor = ask("How do I read the statistics of the gateway certificate rotation?");
        assertThat(good.passages().get(0).citation().path()).isEqualTo("mesh/circuit-breaking.md");
        assertThat(good.passages().get(0).score()).isGreaterThanOrEqualTo(PassageService.ANSWER_THRESHOLD);
        assertThat(poor.passages()).allSatisfy(p -> assertThat(p.score()).isLessThan(PassageService.ANSWER_THRESHOLD));
    }

    @Test
    void passage_text_keeps_inline_code_and_links_and_citations_do_not_repeat_the_title() {
        Passages.Passage p = ask("Wie versiegle ich ein Secret mit kubeseal?").passages().get(0);
        assertThat(p.citation().path()).isEqualTo("setup/sealed-secrets.md");
        assertThat(p.text()).contains("`kubeseal`").contains("[die Anleitung](https://sealed-secrets.example/guide)");
        assertThat(p.citation().title()).isEqualTo("Arbeiten mit Sealed Secrets");
        assertThat(p.citation().heading()).isNull();
    }
}
