package dev.kb.search;

import dev.kb.common.Html;
import dev.kb.common.InvalidInput;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Answers searches: ranks topics, then names each hit's best-matching section and quotes it with the
 * matches marked. Reads only the index.
 */
public final class SearchService {
    public static final int MAX_QUERY_LENGTH = 500;
    public static final int MAX_CLAUSES = 32;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;
    private static final int SNIPPET_CHARS = 200;

    private final SearchIndex index;
    private final QueryBuilder queries;

    public SearchService(SearchIndex index) {
        this.index = index;
        this.queries = new QueryBuilder(index.analyzer());
    }

    /** A search request; {@code course} null searches every course. */
    public record Request(String q, String course, int limit, int offset) {
    }

    public SearchResult search(Request request) {
        UserQuery query = parse(request.q());
        return index.withSearcher(searcher -> {
            Query all = queries.build(query, QueryBuilder.TOPIC_FIELDS, true);
            if (all == null) {
                return new SearchResult(request.q(), 0, request.limit(), request.offset(), List.of());
            }
            TopDocs top = top(searcher, topicFilter(all, request.course()), request.offset() + request.limit());
            Query used = all;
            if (top.totalHits.value == 0 && query.positive().size() > 1) {
                // No topic has every word: rank those that have some of them rather than answer nothing.
                used = queries.build(query, QueryBuilder.TOPIC_FIELDS, false);
                top = top(searcher, topicFilter(used, request.course()), request.offset() + request.limit());
            }
            Query sectionQuery = queries.build(query, QueryBuilder.SECTION_FIELDS, used == all);
            List<SearchHit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = request.offset(); i < docs.length; i++) {
                hits.add(hit(searcher, docs[i], sectionQuery));
            }
            return new SearchResult(request.q(), top.totalHits.value, request.limit(), request.offset(), hits);
        });
    }

    static UserQuery parse(String q) {
        if (q == null || q.isBlank()) {
            throw new InvalidInput("q", "the query must not be empty");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInput("q", "the query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        UserQuery query = UserQuery.parse(q);
        if (query.clauses().size() > MAX_CLAUSES) {
            throw new InvalidInput("q", "the query has more than " + MAX_CLAUSES + " words or phrases");
        }
        return query;
    }

    private static Query topicFilter(Query query, String course) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_TOPIC)), BooleanClause.Occur.FILTER);
        if (course != null) {
            b.add(new TermQuery(new Term(IndexFields.COURSE, course)), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    private static TopDocs top(IndexSearcher searcher, Query query, int n) throws IOException {
        // Exact totals: a result page says how many topics match, not a lower bound.
        return searcher.search(query, new TopScoreDocCollectorManager(Math.max(1, n), null, Integer.MAX_VALUE));
    }

    private SearchHit hit(IndexSearcher searcher, ScoreDoc scoreDoc, Query sectionQuery) throws IOException {
        Document topic = searcher.storedFields().document(scoreDoc.doc);
        String topicId = topic.get(IndexFields.TOPIC);
        Section best = bestSection(searcher, topicId, sectionQuery);
        return new SearchHit(topicId, topic.get(IndexFields.COURSE), topic.get(IndexFields.PATH),
                topic.get(IndexFields.TITLE), best.anchor(), best.heading(), best.snippet(), scoreDoc.score);
    }

    private record Section(String anchor, String heading, String snippet) {
    }

    private Section bestSection(IndexSearcher searcher, String topicId, Query sectionQuery) throws IOException {
        Query inTopic = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TOPIC, topicId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SECTION)), BooleanClause.Occur.FILTER)
                .build();
        if (sectionQuery != null) {
            Query matching = new BooleanQuery.Builder().add(sectionQuery, BooleanClause.Occur.MUST)
                    .add(inTopic, BooleanClause.Occur.FILTER).build();
            TopDocs top = searcher.search(matching, 1);
            if (top.scoreDocs.length > 0) {
                Document section = searcher.storedFields().document(top.scoreDocs[0].doc);
                String snippet = highlight(searcher, sectionQuery, top);
                return new Section(section.get(IndexFields.ANCHOR), emptyToNull(section.get(IndexFields.HEADING)),
                        snippet != null ? snippet : lead(section));
            }
        }
        // The topic matched on its title or path only: quote the beginning of its first section with text.
        TopDocs first = searcher.search(inTopic, 50, new Sort(new SortField(IndexFields.SECTION_ORD, SortField.Type.INT)));
        for (ScoreDoc sd : first.scoreDocs) {
            Document section = searcher.storedFields().document(sd.doc);
            if (!section.get(IndexFields.BODY).isBlank()) {
                return new Section(section.get(IndexFields.ANCHOR), emptyToNull(section.get(IndexFields.HEADING)),
                        lead(section));
            }
        }
        return new Section(null, null, "");
    }

    /**
     * The matching text of the best section: prose cut at sentences, code cut at lines (a code match shows the
     * code line), and the heading when only the heading matched.
     */
    private String highlight(IndexSearcher searcher, Query query, TopDocs top) throws IOException {
        String prose = highlighter(searcher, BreakIterator.getSentenceInstance(Locale.ROOT))
                .highlight(IndexFields.BODY, query, top, 2)[0];
        if (prose != null && prose.contains("<mark>")) {
            return prose;
        }
        UnifiedHighlighter lines = highlighter(searcher, new CustomSeparatorBreakIterator('\n'));
        for (String field : new String[] {IndexFields.CODE, IndexFields.HEADING}) {
            String snippet = lines.highlight(field, query, top, 2)[0];
            if (snippet != null && snippet.contains("<mark>")) {
                return snippet;
            }
        }
        return null;
    }

    private UnifiedHighlighter highlighter(IndexSearcher searcher, BreakIterator breaks) {
        return UnifiedHighlighter.builder(searcher, index.analyzer())
                .withFormatter(new MarkFormatter())
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength((BreakIterator) breaks.clone(),
                        SNIPPET_CHARS, 0.5f))
                .build();
    }

    private static String lead(Document section) {
        String body = section.get(IndexFields.BODY);
        String text = body.length() <= SNIPPET_CHARS ? body : body.substring(0, cutAt(body, SNIPPET_CHARS)) + " …";
        return Html.escape(text.strip());
    }

    private static int cutAt(String text, int max) {
        int space = text.lastIndexOf(' ', max);
        return space > max / 2 ? space : max;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
