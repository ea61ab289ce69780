package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** The statistics {@link CourseSearcher} gives BM25, against Lucene's on indexes whose fair answer is plain. */
class CourseSearcherTest {
    private static final String FIELD = "body";
    private static final Term WORD = new Term(FIELD, "kubernetes");

    @Test
    void courses_of_one_size_get_exactly_lucenes_statistics() throws IOException {
        try (Directory dir = index(List.of(course("a", 10, 2, 7), course("b", 10, 9, 3)))) {
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertSame(new CourseSearcher(reader, new CourseStatistics(), null), new IndexSearcher(reader));
            }
        }
    }

    @Test
    void one_course_searched_gets_the_statistics_of_an_index_of_it_alone() throws IOException {
        try (Directory both = index(List.of(course("a", 4, 1, 5), course("b", 40, 38, 60)));
             Directory alone = index(List.of(course("a", 4, 1, 5)));
             DirectoryReader bothReader = DirectoryReader.open(both);
             DirectoryReader aloneReader = DirectoryReader.open(alone)) {
            assertSame(new CourseSearcher(bothReader, new CourseStatistics(), "a"), new IndexSearcher(aloneReader));
        }
    }

    @Test
    void every_course_counts_alike_whatever_its_size() throws IOException {
        // a: 1 of 4 documents has the word, b: 38 of 40. Equally large, the word would be in (1/4 + 38/40) / 2 of them.
        try (Directory dir = index(List.of(course("a", 4, 1, 5), course("b", 40, 38, 60)));
             DirectoryReader reader = DirectoryReader.open(dir)) {
            CourseSearcher fair = new CourseSearcher(reader, new CourseStatistics(), null);
            assertThat(fair.termStatistics(WORD, reader.docFreq(WORD), reader.totalTermFreq(WORD)).docFreq())
                    .isEqualTo(Math.round((1 / 4.0 + 38 / 40.0) / 2 * 44));
            assertThat(reader.docFreq(WORD)).isEqualTo(39);
            CollectionStatistics stats = fair.collectionStatistics(FIELD);
            // Mean lengths 5 + 1 and 60 + 1 words (the word itself in some): the mean of the means, not the pooled mean.
            double aMean = (4 * 5 + 1) / 4.0;
            double bMean = (40 * 60 + 38) / 40.0;
            assertThat(stats.sumTotalTermFreq()).isEqualTo(Math.round((aMean + bMean) / 2 * 44));
        }
    }

    @Test
    void a_deleted_course_no_longer_counts_before_a_merge_drops_it() throws IOException {
        try (Directory both = index(List.of(course("a", 4, 1, 5), course("b", 40, 38, 60)));
             Directory alone = index(List.of(course("a", 4, 1, 5)))) {
            try (IndexWriter writer = new IndexWriter(both, new IndexWriterConfig(new StandardAnalyzer())
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
                writer.deleteDocuments(new Term(IndexFields.COURSE, "b"));
                writer.commit();
            }
            try (DirectoryReader bothReader = DirectoryReader.open(both);
                 DirectoryReader aloneReader = DirectoryReader.open(alone)) {
                assertThat(bothReader.docFreq(WORD)).as("still counted by Lucene").isEqualTo(39);
                assertSame(new CourseSearcher(bothReader, new CourseStatistics(), null), new IndexSearcher(aloneReader));
            }
        }
    }

    private static void assertSame(IndexSearcher actual, IndexSearcher expected) throws IOException {
        CollectionStatistics a = actual.collectionStatistics(FIELD);
        CollectionStatistics e = expected.collectionStatistics(FIELD);
        assertThat(a.docCount()).isEqualTo(e.docCount());
        assertThat(a.sumTotalTermFreq()).isEqualTo(e.sumTotalTermFreq());
        int df = expected.getIndexReader().docFreq(WORD);
        long ttf = expected.getIndexReader().totalTermFreq(WORD);
        int actualDf = actual.getIndexReader().docFreq(WORD);
        assertThat(actual.termStatistics(WORD, actualDf, actual.getIndexReader().totalTermFreq(WORD)).docFreq())
                .isEqualTo(expected.termStatistics(WORD, df, ttf).docFreq());
    }

    /** {@code docs} documents of {@code words} filler words each, {@code having} of them with "kubernetes" too. */
    private static List<Document> course(String id, int docs, int having, int words) {
        return java.util.stream.IntStream.range(0, docs).mapToObj(i -> {
            Document d = new Document();
            d.add(new KeywordField(IndexFields.COURSE, id, Field.Store.NO));
            String text = "word ".repeat(words) + (i < having ? "kubernetes" : "");
            d.add(new TextField(FIELD, text, Field.Store.NO));
            return d;
        }).toList();
    }

    private static Directory index(List<List<Document>> courses) throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (List<Document> course : courses) {
                writer.addDocuments(course);
            }
        }
        return dir;
    }
}
