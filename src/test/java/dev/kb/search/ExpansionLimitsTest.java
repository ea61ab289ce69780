package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.junit.jupiter.api.Test;

/**
 * Prefix and typo expansion stay bounded on an index where a prefix matches thousands of words: the query
 * still answers, with at most the limit of expansions, the most frequent ones kept.
 */
class ExpansionLimitsTest {
    private static final String FIELD = IndexFields.Text.BODY.field(Analyses.Form.EXACT);
    private static final int WORDS = 5_000;

    /** One document per word kube0000 … kube4999; kube4999 (last in dictionary order) in 50 more. */
    private static Directory manyCompletions() throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < WORDS; i++) {
                writer.addDocument(doc(String.format("kube%04d", i)));
            }
            for (int i = 0; i < 50; i++) {
                writer.addDocument(doc("kube4999"));
            }
        }
        return dir;
    }

    private static Document doc(String word) {
        Document d = new Document();
        d.add(new StringField(FIELD, word, Field.Store.NO));
        return d;
    }

    @Test
    void a_prefix_of_thousands_of_words_expands_to_the_most_frequent_few() throws IOException {
        try (Directory dir = manyCompletions(); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            PrefixQuery prefix = new PrefixQuery(new Term(FIELD, "kube"), FrequentTermsRewrite.DEFAULT);

            Query rewritten = prefix.rewrite(searcher);
            assertThat(rewritten).isInstanceOf(ConstantScoreQuery.class);
            TermInSetQuery expansions = (TermInSetQuery) ((ConstantScoreQuery) rewritten).getQuery();
            assertThat(expansions.getTermsCount()).isEqualTo(FrequentTermsRewrite.MAX_TERMS);
            // The most frequent word is kept though it comes last; a rare word late in the dictionary is not.
            assertThat(searcher.count(and(rewritten, "kube4999"))).isEqualTo(51);
            assertThat(searcher.count(and(rewritten, "kube4998"))).isZero();
            assertThat(searcher.count(and(rewritten, "kube0000"))).isEqualTo(1);

            // Lucene's scoring rewrite would need a clause per word and refuse (TooManyClauses); this answers.
            assertThat(WORDS).isGreaterThan(IndexSearcher.getMaxClauseCount());
            assertThat(searcher.search(prefix, 10).totalHits.value).isEqualTo(FrequentTermsRewrite.MAX_TERMS + 50L);
        }
    }

    @Test
    void a_prefix_within_the_limit_matches_every_completion_with_one_score() throws IOException {
        try (Directory dir = manyCompletions(); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            var top = searcher.search(new PrefixQuery(new Term(FIELD, "kube00"), FrequentTermsRewrite.DEFAULT), 200);
            assertThat(top.totalHits.value).isEqualTo(100);
            assertThat(top.scoreDocs).extracting(sd -> sd.score).containsOnly(top.scoreDocs[0].score);
        }
    }

    @Test
    void the_word_being_typed_uses_the_bounded_expansion() throws IOException {
        try (Directory dir = manyCompletions(); DirectoryReader reader = DirectoryReader.open(dir)) {
            QueryBuilder builder = SearchSettings.configured().queries();
            Query query = builder.build(UserQuery.parse("kube"), Map.of(IndexFields.Text.BODY, 1.0f),
                    new org.apache.lucene.search.IndexSearcher(reader), true);
            List<MultiTermQuery> expanding = new ArrayList<>();
            query.visit(new QueryVisitor() {
                @Override
                public void consumeTermsMatching(Query q, String field,
                                                 java.util.function.Supplier<ByteRunAutomaton> automaton) {
                    expanding.add((MultiTermQuery) q);
                }

                @Override
                public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                    return this;
                }
            });
            assertThat(expanding).isNotEmpty().allSatisfy(q ->
                    assertThat(q.getRewriteMethod()).isInstanceOf(FrequentTermsRewrite.class));
            assertThat(new IndexSearcher(reader).search(query, 10).totalHits.value).isPositive();
        }
    }

    @Test
    void typo_corrections_look_at_a_bounded_number_of_words() throws IOException {
        // Every word abcdefaa … abcdefzz is within two edits of "abcdefgh": 676 candidates.
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (char x = 'a'; x <= 'z'; x++) {
                for (char y = 'a'; y <= 'z'; y++) {
                    writer.addDocument(doc("abcdef" + x + y));
                }
            }
        }
        try (dir; DirectoryReader reader = DirectoryReader.open(dir)) {
            List<String> unbounded = Corrections.of(reader, List.of(FIELD), "abcdefgh", 3).stream()
                    .map(Corrections.Candidate::term).toList();
            // The closest: one edit away, e.g. abcdefah, abcdefbh …
            assertThat(unbounded).hasSize(3).contains("abcdefbh");
            List<String> bounded = Corrections.of(reader, List.of(FIELD), "abcdefgh", 3, 10).stream()
                    .map(Corrections.Candidate::term).toList();
            // Only the first ten words in dictionary order were looked at.
            assertThat(bounded).hasSize(3).allSatisfy(t -> assertThat(t).isBetween("abcdefaa", "abcdefaj"));
        }
    }

    private static Query and(Query query, String word) {
        return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(FIELD, word)), BooleanClause.Occur.FILTER).build();
    }
}
