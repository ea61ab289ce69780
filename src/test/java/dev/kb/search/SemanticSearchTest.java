package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semantic signal: a question finds a document that says the same in other words, keyword searches stay
 * lexical, vectors are kept in PostgreSQL so that a rebuild does not embed again, and off means off.
 */
class SemanticSearchTest {
    /** None of its words is in the document that answers it ("reclaiming space", "images"), nor one a typo away. */
    private static final String QUESTION = "What frees storage taken by obsolete pictures?";

    @Test
    void a_question_finds_the_document_that_answers_it_in_other_words(@TempDir Path dir) throws IOException {
        Path course = course(dir);
        try (Kb kb = Kb.open(new Config(0, dir.resolve("on"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            kb.index("c", course);
            assertThat(paths(kb, QUESTION)).first().isEqualTo("cleanup.md");
            List<Passages.Passage> passages = kb.services().passages().passages(
                    new PassageService.Request(QUESTION, "c", 3, 2_000)).passages();
            assertThat(passages).first().extracting(p -> p.citation().path()).isEqualTo("cleanup.md");
            assertThat(passages).allSatisfy(p -> assertThat(p.score()).isBetween(0f, 1f));
        }
        Config.DatabaseSettings offDatabase = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        try (Kb kb = Kb.open(new Config(0, dir.resolve("off"), offDatabase).withSemantic(false))) {
            long embedded = Embedder.embeddedTexts();
            kb.index("c", course);
            assertThat(paths(kb, QUESTION)).doesNotContain("cleanup.md");
            assertThat(Embedder.embeddedTexts()).as("off embeds nothing").isEqualTo(embedded);
            assertThat(savedVectors(offDatabase)).isZero();
        }
    }

    @Test
    void a_german_question_is_rendered_in_english_for_the_model(@TempDir Path dir) throws IOException {
        // Not one of its words is in the English document; the technical terms of index/terms-de-en.txt alone do not
        // render it well enough, the glossary's everyday words do ("after every release ... no space").
        String german = "Was mache ich, wenn nach jeder Auslieferung kein Platz mehr frei ist?";
        try (Kb kb = Kb.open(new Config(0, dir.resolve("data"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            kb.index("c", course(dir));
            SearchSettings settings = kb.settings().search();
            SearchService glossary = new SearchService(kb.searchIndex(), settings);
            SearchService termsOnly = new SearchService(kb.searchIndex(),
                    settings.withSemantics(Semantics.translating(GermanToEnglish.of(List.of()))));
            assertThat(paths(glossary, german)).first().isEqualTo("cleanup.md");
            assertThat(paths(termsOnly, german)).first().isNotEqualTo("cleanup.md");
        }
    }

    @Test
    void a_server_publishes_the_words_first_and_questions_use_meaning_once_every_passage_is_embedded(@TempDir Path dir)
            throws IOException {
        Path course = course(dir);
        try (Kb kb = Kb.open(new Config(0, dir.resolve("bg"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            kb.embedInBackground();
            Embedder.forgetRecent(); // no vector of this course known anywhere: the model must embed them
            // Holding the index's batch keeps the embedding from publishing (the run, on this thread, may re-enter).
            try (SearchIndex.Batch hold = kb.searchIndex().batch()) {
                kb.index("c", course);
                assertThat(paths(kb, "docker image prune")).first().isEqualTo("cleanup.md");
                assertThat(paths(kb, QUESTION)).as("words alone while vectors are missing").doesNotContain("cleanup.md");
                int embedded = kb.searchIndex().withSearcher(s -> s.count(new org.apache.lucene.search.FieldExistsQuery(
                        IndexFields.PASSAGE_VECTOR)));
                assertThat(embedded).isZero();
                hold.publish(java.util.Map.of());
            }
            kb.awaitEmbedding();
            assertThat(paths(kb, QUESTION)).first().isEqualTo("cleanup.md");
        }
    }

    @Test
    void keyword_searches_rank_by_words_alone(@TempDir Path dir) throws IOException {
        Path course = course(dir);
        try (Kb on = Kb.open(new Config(0, dir.resolve("on"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED)));
             Kb off = Kb.open(new Config(0, dir.resolve("off"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED))
                     .withSemantic(false))) {
            on.index("c", course);
            off.index("c", course);
            for (String q : List.of("images", "laptop pictures", "build host space")) {
                assertThat(on.services().search().search(new SearchService.Request(q, "c", 10, 0)).hits())
                        .extracting(SearchHit::path, SearchHit::score)
                        .isEqualTo(off.services().search().search(new SearchService.Request(q, "c", 10, 0)).hits()
                                .stream().map(h -> org.assertj.core.groups.Tuple.tuple(h.path(), h.score())).toList());
            }
        }
    }

    @Test
    void vectors_come_back_from_postgresql_when_the_index_is_rebuilt(@TempDir Path dir) throws IOException {
        Path course = course(dir);
        Config.DatabaseSettings database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        try (Kb kb = Kb.open(new Config(0, dir.resolve("first"), database))) {
            kb.index("c", course);
            int passages = kb.searchIndex().withSearcher(s -> s.count(new org.apache.lucene.search.TermQuery(
                    new org.apache.lucene.index.Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE))));
            assertThat(savedVectors(database)).isEqualTo(passages);
        }
        Embedder.forgetRecent();
        long embedded = Embedder.embeddedTexts();
        // Another data directory: this process's search index is built anew from the database.
        try (Kb kb = Kb.open(new Config(0, dir.resolve("second"), database))) {
            assertThat(Embedder.embeddedTexts()).as("no passage embedded again").isEqualTo(embedded);
            assertThat(paths(kb, QUESTION)).first().isEqualTo("cleanup.md");
        }
    }

    private static int savedVectors(Config.DatabaseSettings database) {
        try (Connection c = DriverManager.getConnection(database.url());
             ResultSet r = c.createStatement().executeQuery("select count(*) from text_embedding")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> paths(Kb kb, String q) {
        return paths(kb.services().search(), q);
    }

    private static List<String> paths(SearchService search, String q) {
        return search.search(new SearchService.Request(q, "c", 10, 0)).hits().stream().map(SearchHit::path).toList();
    }

    private static Path course(Path dir) throws IOException {
        Path course = Files.createDirectories(dir.resolve("course"));
        Files.writeString(course.resolve("README.md"), """
                # A course

                ## Agenda

                1. Day one
                   * [Reclaiming space on a build host](cleanup.md)
                   * [Laptops for the course](laptops.md)
                   * [Writing a release note](release-notes.md)
                """);
        Files.writeString(course.resolve("cleanup.md"), """
                # Reclaiming space on a build host

                Container images pile up after every release until the disk is full. `docker image prune -a` deletes
                the images no container runs, and `docker builder prune` empties the build cache.
                """);
        Files.writeString(course.resolve("laptops.md"), """
                # Laptops for the course

                Bring a laptop with a browser and an SSH client. Each participant gets a lab machine for the week;
                nothing needs to be installed.
                """);
        Files.writeString(course.resolve("release-notes.md"), """
                # Writing a release note

                A release note lists what changed for the people who deploy it: new settings first, then fixes, each
                with the ticket it closes.
                """);
        return course;
    }
}
