package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.common.InvalidInput;
import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceTest {
    private TestApp app;
    private SearchService search;

    @BeforeAll
    void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
        search = app.kb().services().search();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private SearchResult q(String query) {
        return search.search(new SearchService.Request(query, "fixture-course", 10, 0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            runAsUser                   | security/01-non-root.md
            runAsNonRoot                | security/01-non-root.md
            run as non root             | security/01-non-root.md
            runasnonroot                | security/01-non-root.md
            cap_net_raw                 | security/02-capabilities.md
            net_raw                     | security/02-capabilities.md
            ClusterIP                   | networking/services.md
            "kubectl apply"             | setup/01-install.md
            --set replicas              | setup/01-install.md
            kubectl auth can-i          | setup/01-install.md
            Übung network policies      | networking/policies exercise.md
            uebung network              | networking/policies exercise.md
            Übungen                     | networking/policies exercise.md
            helm uninstall              | setup/02-uninstall.md
            kubernets                   | security/00-overview.md
            gatekeepr                   | security/00-overview.md
            k8s admission               | security/00-overview.md
            Sicherheit layers           | security/00-overview.md
            capabil                     | security/02-capabilities.md
            """)
    void query_finds_the_expected_topic_first(String query, String expectedPath) {
        assertThat(q(query).hits()).first().extracting(SearchHit::path).isEqualTo(expectedPath);
    }

    @Test
    void exact_matches_rank_above_fuzzy_ones() {
        // "kubernets" is no word of the course: the index stands in its closest words, "kubernetes" among them.
        SearchResult typo = q("kubernets");
        assertThat(typo.hits()).isNotEmpty();
        assertThat(typo.didYouMean()).isEqualTo("kubernetes");
        SearchResult exact = q("kubernetes");
        assertThat(exact.didYouMean()).isNull();
        assertThat(exact.hits().get(0).score()).isGreaterThan(typo.hits().get(0).score());
    }

    @Test
    void a_compiled_handout_never_outranks_a_topic() {
        for (String query : new String[] {"runAsNonRoot", "cap_net_raw", "ClusterIP", "Überblick Cloud Native"}) {
            List<SearchHit> hits = search.search(new SearchService.Request(query, "fixture-course", 100, 0)).hits();
            assertThat(hits).as(query).anySatisfy(h -> assertThat(h.handout()).isTrue());
            assertThat(hits.get(hits.size() - 1).path()).as(query).isEqualTo("_README.md");
        }
    }

    @Test
    void filters_narrow_and_facets_count_the_matching_topics() {
        SearchService.Request all = new SearchService.Request("the", "fixture-course", 100, 0);
        SearchResult result = search.search(all);
        assertThat(result.facets()).containsKeys("course", "module", "inAgenda", "language", "kind");
        Map<String, Integer> kinds = new HashMap<>();
        result.facets().get("kind").forEach(c -> kinds.put(c.value(), c.count()));
        assertThat(kinds.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) result.total());

        SearchResult walkthroughs = search.search(new SearchService.Request("the", "fixture-course",
                new SearchService.Filters(null, null, null, "walkthrough"), 100, 0));
        assertThat(walkthroughs.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.kind()).isEqualTo("walkthrough"));
        assertThat(walkthroughs.total()).isEqualTo(kinds.get("walkthrough").longValue());

        SearchResult security = search.search(new SearchService.Request("the", "fixture-course",
                new SearchService.Filters("Security", true, null, null), 100, 0));
        assertThat(security.hits()).extracting(SearchHit::path).isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith("security/"));
        SearchResult german = search.search(new SearchService.Request("Pods", "fixture-course",
                new SearchService.Filters(null, null, "de", null), 100, 0));
        assertThat(german.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.language()).isEqualTo("de"));
    }

    @Test
    void title_match_ranks_above_body_match() {
        // "Capabilities" is the title of one topic and a word in the body of the handout.
        SearchResult result = q("capabilities");
        assertThat(result.hits()).extracting(SearchHit::path).startsWith("security/02-capabilities.md");
    }

    @Test
    void hit_names_the_best_section_and_quotes_it_with_marks() {
        SearchHit hit = q("ClusterIP").hits().get(0);
        assertThat(hit.anchor()).isEqualTo("service-types");
        assertThat(hit.heading()).isEqualTo("Service types");
        assertThat(hit.snippet()).contains("<mark>ClusterIP</mark>");
        assertThat(hit.topicId()).hasSize(16);
        assertThat(hit.score()).isPositive();
    }

    @Test
    void a_code_match_quotes_the_code_line() {
        SearchHit hit = q("runAsUser").hits().get(0);
        assertThat(hit.path()).isEqualTo("security/01-non-root.md");
        assertThat(hit.snippet()).contains("<mark>runAsUser</mark>: 10001").doesNotContain("Why it matters");
    }

    @Test
    void snippet_text_is_html_escaped_around_the_marks() {
        SearchHit hit = q("Windows").hits().stream().filter(h -> h.path().equals("crlf-bom.md")).findFirst().orElseThrow();
        assertThat(hit.snippet()).contains("<mark>Windows</mark>").doesNotContain("<script");
        SearchHit services = q("\"name.namespace.svc.cluster.local\"").hits().get(0);
        assertThat(services.path()).isEqualTo("networking/services.md");
    }

    @Test
    void phrase_requires_the_words_in_order() {
        // The compiled handout contains the phrase too, and comes last.
        assertThat(q("\"kubectl apply\"").hits()).extracting(SearchHit::path)
                .containsExactly("setup/01-install.md", "_README.md");
        assertThat(q("\"apply kubectl\"").total()).isZero();
    }

    @Test
    void exclusion_removes_topics_with_the_word() {
        assertThat(q("lab").hits()).extracting(SearchHit::path).contains("setup/02-uninstall.md");
        assertThat(q("lab -helm").hits()).extracting(SearchHit::path).doesNotContain("setup/02-uninstall.md", "setup/01-install.md");
    }

    @Test
    void words_not_all_in_one_topic_still_rank_topics_with_some_of_them() {
        SearchResult result = q("ClusterIP zzzyxw");
        assertThat(result.hits()).extracting(SearchHit::path).first().isEqualTo("networking/services.md");
    }

    @Test
    void agenda_file_is_not_a_search_result() {
        assertThat(q("Fixture Course").hits()).extracting(SearchHit::path).doesNotContain("README.md");
    }

    @Test
    void pagination_is_consistent_with_the_total() {
        SearchResult all = search.search(new SearchService.Request("the", "fixture-course", 100, 0));
        SearchResult second = search.search(new SearchService.Request("the", "fixture-course", 2, 2));
        assertThat(all.total()).isGreaterThan(3);
        assertThat(second.total()).isEqualTo(all.total());
        assertThat(second.hits()).extracting(SearchHit::topicId)
                .containsExactly(all.hits().get(2).topicId(), all.hits().get(3).topicId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "\"", "\"unbalanced quote", "*", "?", "field:", "title:kubectl", "🙂", "-", "- -", "((",
            "\\", "AND OR NOT", "a~2", "-runAsNonRoot"})
    void odd_queries_answer_without_error(String query) {
        SearchResult result = q(query);
        assertThat(result.total()).isGreaterThanOrEqualTo(0);
        assertThat(result.hits()).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void an_empty_query_is_invalid_input_and_an_oversized_one_names_the_limit() {
        assertThatThrownBy(() -> q("  ")).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).parameter()).isEqualTo("q");
        assertThatThrownBy(() -> q("x".repeat(10_000))).isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.limit()).isEqualTo(Limit.QUERY_CHARS);
            assertThat(e.max()).isEqualTo(500);
            assertThat(e.parameter()).isEqualTo("q");
        });
        assertThatThrownBy(() -> q("w ".repeat(40))).isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.limit()).isEqualTo(Limit.QUERY_TERMS);
            assertThat(e.max()).isEqualTo(32);
        });
        assertThatThrownBy(() -> search.search(new SearchService.Request("pods", null, 10, 10_001)))
                .isInstanceOfSatisfying(LimitExceeded.class, e -> assertThat(e.limit()).isEqualTo(Limit.OFFSET));
    }
}
