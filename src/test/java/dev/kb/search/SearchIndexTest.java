package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import dev.kb.model.ParsedDocument;
import dev.kb.store.DocumentRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches see whole batches only: before a re-index or after it, never half of one. */
class SearchIndexTest {

    private static List<org.apache.lucene.document.Document> topic(String id, String title) {
        DocumentRow row = new DocumentRow(id, "c", id + ".md", "topic", title, "h", 1, 1, 0, 0, OffsetDateTime.now(),
                "en", "reference", false);
        return TopicDocuments.of(row, List.of(new ParsedDocument.Section(0, 1, title, "a", "body of " + title, "", 3, "en", 1)),
                List.of(), TopicContext.NONE, 1.0f, Map.of());
    }

    private static int topics(SearchIndex index) {
        return index.withSearcher(s -> s.count(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_TOPIC))));
    }

    @Test
    void changes_are_invisible_until_published_and_dropped_when_a_batch_fails(@TempDir Path dir) throws Exception {
        try (SearchIndex index = SearchIndex.open(dir)) {
            try (SearchIndex.Batch batch = index.batch()) {
                batch.replaceTopic("t1", topic("t1", "first"));
                batch.replaceTopic("t2", topic("t2", "second"));
                assertThat(topics(index)).isZero();
                batch.publish(Map.of("c", 1L));
            }
            assertThat(topics(index)).isEqualTo(2);
            assertThat(index.committedRuns()).containsEntry("c", 1L);

            try (SearchIndex.Batch failed = index.batch()) {
                failed.deleteCourse("c");
                failed.replaceTopic("t3", topic("t3", "third"));
                // closed without publish, as when building the batch throws
            }
            assertThat(topics(index)).isEqualTo(2);

            try (SearchIndex.Batch next = index.batch()) {
                next.replaceTopic("t2", topic("t2", "second, replaced"));
                next.publish(Map.of("c", 2L));
            }
            assertThat(topics(index)).isEqualTo(2);
            assertThat(index.committedRuns()).containsEntry("c", 2L);
        }
        try (SearchIndex reopened = SearchIndex.open(dir)) {
            assertThat(topics(reopened)).isEqualTo(2);
            assertThat(reopened.committedRuns()).containsEntry("c", 2L);
        }
    }

    @Test
    void searches_of_a_request_that_run_out_of_time_fail_naming_the_limit(@TempDir Path dir) throws Exception {
        TermQuery topics = new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_TOPIC));
        try (SearchIndex index = SearchIndex.open(dir, Duration.ZERO)) {
            try (SearchIndex.Batch batch = index.batch()) {
                batch.replaceTopic("t1", topic("t1", "first"));
                batch.publish(Map.of("c", 1L));
            }
            assertThatThrownBy(() -> index.forRequest(s -> s.search(topics, 10)))
                    .isInstanceOfSatisfying(LimitExceeded.class, e -> {
                        assertThat(e.limit()).isEqualTo(Limit.SEARCH_TIME);
                        assertThat(e.max()).isZero();
                    });
            // Work outside a request (indexing, coverage) is not timed.
            assertThat(index.withSearcher(s -> s.search(topics, 10)).totalHits.value).isEqualTo(1);
        }
        try (SearchIndex index = SearchIndex.open(dir)) {
            assertThat(index.forRequest(s -> s.search(topics, 10)).totalHits.value).isEqualTo(1);
        }
    }
}
