package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queries made of punctuation and code, as people paste them from a terminal: words the analysis turns into no
 * term at all ({@code _}), a token of hundreds of parts ({@code a.a.a.…}), and queries whose words expand to more
 * clauses than Lucene searches. Each answers, or is refused naming the limit; none fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeQueriesTest {
    private TestApp app;
    private SearchService search;
    private PassageService passages;

    @BeforeAll
    void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
        search = app.kb().services().search();
        passages = app.kb().services().passages();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private SearchResult search(String q) {
        return search.search(new SearchService.Request(q, "fixture-course", 10, 0));
    }

    private Passages passages(String q) {
        return passages.passages(new PassageService.Request(q, "fixture-course", 5, 4000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_", "a _ b", "x = _", "kubectl get pods | grep _", "__", "_-_", "-_", "\"_\"", "_ -_",
            "--set x=_", "a.b.c", "\"", "-", "| _ |", "_.", "._", "a.", "a._.b"})
    void punctuation_and_code_answer(String query) {
        assertThat(search(query).total()).isGreaterThanOrEqualTo(0);
        assertThat(passages(query).passages()).isNotNull();
    }

    @Test
    void a_word_of_delimiters_alone_is_searched_as_written_and_spoils_nothing_around_it() {
        // The index keeps "_" as written (it has no parts), so the query looks for it as written.
        assertThat(QueryBuilder.analyze(Analyses.index(Analyses.Form.EXACT), "grep _")).contains("_");
        assertThat(search("kubectl get pods | grep _").hits()).first().extracting(SearchHit::path)
                .isEqualTo("setup/01-install.md");
        assertThat(passages("kubectl get pods | grep _").passages()).first()
                .extracting(p -> p.citation().path()).isEqualTo("setup/01-install.md");
    }

    @Test
    void a_token_of_180_parts_answers() {
        String dots = "a.".repeat(180);
        assertThat(search(dots).total()).isGreaterThanOrEqualTo(0);
        assertThat(passages(dots).passages()).isNotNull();
        assertThat(search("-" + dots + " kubectl").hits()).isNotEmpty();
    }

    @Test
    void thirty_two_long_identifiers_are_searched_without_their_expansions_rather_than_refused() {
        // Seven parts each: in every field and form, as written, and all-but-one in any order, 31 of them pass
        // Lucene's maximum; the words as typed alone do not.
        String identifiers = IntStream.range(0, 31).mapToObj(i -> IntStream.range(0, 7)
                .mapToObj(p -> String.valueOf((char) ('a' + (i + p) % 26))).collect(Collectors.joining(".")))
                .collect(Collectors.joining(" ")) + " kubectl";
        assertThat(identifiers.length()).isLessThanOrEqualTo(SearchService.MAX_QUERY_LENGTH);
        assertThat(UserQuery.parse(identifiers).clauses()).hasSize(SearchService.MAX_CLAUSES);
        assertThat(search(identifiers).hits()).extracting(SearchHit::path).contains("setup/01-install.md");
        assertThat(passages(identifiers).passages()).isNotEmpty();
    }

    @Test
    void thirty_two_words_with_synonyms_and_typos_answer() {
        List<String> words = new ArrayList<>(List.of("kubernetes", "k8s", "mtls", "tls", "rbac", "sicherheit", "fehler",
                "übung", "aufgabe", "bereitstellung", "verteilung", "überwachung", "protokollierung", "netzwerk",
                "richtlinie", "richtlinien", "geheimnis", "zertifikat", "berechtigung", "benutzer", "knoten", "dienst",
                "installieren", "einführung"));
        words.addAll(List.of("kubernets", "gatekeepr", "capabilitis", "namespacs", "polcies", "instal", "manifsts",
                "particpant"));
        assertThat(words).hasSize(SearchService.MAX_CLAUSES);
        String query = String.join(" ", words);
        assertThat(search(query).hits()).isNotEmpty();
        assertThat(passages(query).passages()).isNotEmpty();
    }

    @Test
    void an_agenda_item_title_of_many_words_gets_suggestions_rather_than_failing() {
        // Agenda titles are course text, searched for topics that may cover the item (coverage gaps).
        String title = IntStream.range(0, 120).mapToObj(i -> i % 3 == 0 ? "kubectl" : "word" + i + ".part.x")
                .collect(Collectors.joining(" "));
        assertThat(app.kb().services().gaps().suggest(title, "fixture-course", 5)).isNotNull();
    }

    @Test
    void a_question_of_more_phrases_than_lucene_searches_is_refused_naming_the_limit() {
        String phrases = IntStream.range(0, 100).mapToObj(i -> "\"pods w" + i + "\"").collect(Collectors.joining(" "));
        assertThatThrownBy(() -> passages(phrases)).isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.limit()).isEqualTo(Limit.QUERY_CLAUSES);
            assertThat(e.max()).isEqualTo(QueryBuilder.MAX_CLAUSES);
            assertThat(e.parameter()).isEqualTo("q");
        });
        assertThat(QueryBuilder.MAX_CLAUSES).isLessThan(IndexSearcher.getMaxClauseCount());
    }
}
