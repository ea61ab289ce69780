package dev.kb.search;

import dev.kb.common.InvalidInput;
import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.BytesRef;

/**
 * Answers searches: ranks topics (compiled handouts always after topics), names each hit's best-matching
 * section and quotes it with the matches marked, counts facets, and proposes a correction when little matches.
 * Reads only the index.
 */
public final class SearchService {
    public static final int MAX_QUERY_LENGTH = 500;
    public static final int MAX_CLAUSES = 32;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;
    /** Topics, then handouts, then external pages (see {@link IndexFields#TIER}), each by score. */
    private static final Sort TIERS_THEN_SCORE = new Sort(new SortField(IndexFields.TIER, SortField.Type.INT),
            SortField.FIELD_SCORE);

    private final SearchIndex index;
    private final Ranking ranking;
    private final QueryBuilder queries;
    private final Semantics semantics;
    private final HitQuoter quoter = new HitQuoter();
    /** Recent answers (a few MB at most): bursts of the same search from a class cost one search. */
    private final ResultCache<Request, SearchResult> recent = new ResultCache<>(1_000);

    public SearchService(SearchIndex index, SearchSettings settings) {
        this.index = index;
        this.ranking = settings.ranking();
        this.queries = settings.queries();
        this.semantics = settings.semantics();
    }

    /**
     * Narrowing a search; a null field does not narrow. {@code external} true keeps only external pages, false
     * only the course's own topics; module, inAgenda, language and kind describe topics, so they keep only topics.
     */
    public record Filters(String module, Boolean inAgenda, String language, String kind, Boolean external) {
        public static final Filters NONE = new Filters(null, null, null, null, null);

        public Filters(String module, Boolean inAgenda, String language, String kind) {
            this(module, inAgenda, language, kind, null);
        }
    }

    /** A search request; {@code course} null searches every course. */
    public record Request(String q, String course, Filters filters, int limit, int offset) {
        public Request(String q, String course, int limit, int offset) {
            this(q, course, Filters.NONE, limit, offset);
        }
    }

    /** Whether the index holds the course (see {@link SearchIndex#hasCourse}). */
    public boolean indexes(String courseId) {
        return index.hasCourse(courseId);
    }

    public SearchResult search(Request request) {
        return search(request, false);
    }

    /**
     * @param fresh compute the answer even when an identical search on the same index was answered recently
     *              (a client's {@code Cache-Control: no-cache})
     */
    public SearchResult search(Request request, boolean fresh) {
        UserQuery query = parse(request.q());
        if (request.offset() > MAX_OFFSET) {
            // A page that deep costs collecting every hit before it; nobody reads a ranking that far.
            throw new LimitExceeded(Limit.OFFSET, MAX_OFFSET, "offset", "'offset' is larger than the limit of "
                    + MAX_OFFSET + "; narrow the search instead");
        }
        return index.forRequest(request.course(), searcher -> {
            Object generation = searcher.getIndexReader().getReaderCacheHelper().getKey();
            SearchResult cached = fresh ? null : recent.get(request, generation);
            if (cached != null) {
                return cached;
            }
            SearchResult result = search(searcher, request, query);
            // A search cut short is refused (see SearchIndex#forRequest); it must not answer the next one either.
            if (!searcher.timedOut()) {
                recent.put(request, generation, result);
            }
            return result;
        });
    }

    private SearchResult search(IndexSearcher searcher, Request request, UserQuery query) throws IOException {
        boolean typing = !request.q().endsWith(" ") && !request.q().endsWith("\"");
        Query base = queries.build(query, ranking.topicFields(), searcher, typing);
        if (base == null) {
            return new SearchResult(request.q(), 0, request.limit(), request.offset(), List.of(), Map.of(), null,
                    null);
        }
        boolean external = searcher.getIndexReader().docFreq(new Term(IndexFields.TYPE, IndexFields.TYPE_REFERENCE)) > 0;
        Query topics = filtered(FunctionScoreQuery.boostByValue(base, DoubleValuesSource.fromFloatField(
                IndexFields.PRIOR)), request, external);
        Semantics.Question question = semantics.question(request.q(), ranking, searcher, request.course());
        int window = request.offset() + request.limit();
        // One pass collects the page (a question: the window its fusion reorders) and counts the facets.
        Object[] results = searcher.search(topics, new MultiCollectorManager(new TopFieldCollectorManager(
                TIERS_THEN_SCORE, question == null ? window : Math.max(window, TopicFusion.WINDOW), null,
                Integer.MAX_VALUE), Facets.manager()));
        TopDocs top = (TopDocs) results[0];
        @SuppressWarnings("unchecked")
        Map<String, List<Facets.Count>> facets = Facets.counts((Map<String, Map<String, Integer>>) results[1]);
        ScoreDoc[] ranked = top.scoreDocs;
        long total = top.totalHits.value;
        if (question != null) {
            Map<String, Float> near = Semantics.byTopic(Semantics.nearest(searcher, question, request.course()));
            List<FieldDoc> fused = TopicFusion.rerank(searcher, ranked, doc -> topicOf(searcher, doc), near,
                    question.weight(), q -> filtered(q, request, external));
            total += fused.size() - ranked.length;
            ranked = fused.toArray(new ScoreDoc[0]);
        }
        Query sections = queries.build(query, ranking.sectionFields(), searcher, typing);
        MatchHighlighter.QueryTerms terms = MatchHighlighter.QueryTerms.of(sections, typedWords(query));
        List<Document> page = new ArrayList<>();
        for (int i = request.offset(); i < Math.min(window, ranked.length); i++) {
            page.add(searcher.storedFields().document(ranked[i].doc));
        }
        Map<String, Document> best = HitQuoter.bestSections(searcher, sections, page);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            FieldDoc doc = (FieldDoc) ranked[request.offset() + i];
            hits.add(quoter.hit(searcher, page.get(i), doc, best.get(page.get(i).get(IndexFields.TOPIC)), terms));
        }
        String didYouMean = DidYouMean.suggest(searcher.getIndexReader(), query, request.q(), queries::understood);
        return new SearchResult(request.q(), total, request.limit(), request.offset(), hits, facets, didYouMean, null);
    }

    /** A hit's topic id, or null for an external page. */
    private static String topicOf(IndexSearcher searcher, int doc) {
        try {
            return searcher.storedFields().document(doc, java.util.Set.of(IndexFields.TOPIC)).get(IndexFields.TOPIC);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static UserQuery parse(String q) {
        return parse(q, MAX_QUERY_LENGTH, MAX_CLAUSES);
    }

    static UserQuery parse(String q, int maxLength, int maxClauses) {
        if (q == null || q.isBlank()) {
            throw new InvalidInput("q", "the query must not be empty");
        }
        if (q.length() > maxLength) {
            throw new LimitExceeded(Limit.QUERY_CHARS, maxLength, "q", "the query is longer than the limit of "
                    + maxLength + " characters");
        }
        UserQuery query = UserQuery.parse(q);
        if (query.clauses().size() > maxClauses) {
            throw new LimitExceeded(Limit.QUERY_TERMS, maxClauses, "q", "the query has more than the limit of "
                    + maxClauses + " words or phrases");
        }
        return query;
    }

    /** Topics, and external pages when the index has any, narrowed by the request's filters. */
    private static Query filtered(Query query, Request request, boolean external) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        b.add(external ? new TermInSetQuery(IndexFields.TYPE, List.of(new BytesRef(IndexFields.TYPE_TOPIC),
                new BytesRef(IndexFields.TYPE_REFERENCE))) : new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_TOPIC)),
                BooleanClause.Occur.FILTER);
        filter(b, IndexFields.COURSE, request.course());
        Filters f = request.filters();
        filter(b, IndexFields.EXTERNAL, f.external() == null ? null : f.external().toString());
        filter(b, IndexFields.MODULE, f.module());
        filter(b, IndexFields.IN_AGENDA, f.inAgenda() == null ? null : f.inAgenda().toString());
        filter(b, IndexFields.LANGUAGE, f.language());
        filter(b, IndexFields.KIND, f.kind());
        return b.build();
    }

    private static void filter(BooleanQuery.Builder b, String field, String value) {
        if (value != null) {
            b.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    /** The words as typed, in the exact analysis: what a quote should show first. */
    private static Set<String> typedWords(UserQuery query) {
        Set<String> words = new HashSet<>();
        for (UserQuery.Clause clause : query.positive()) {
            words.addAll(QueryBuilder.analyze(Analyses.WHOLE_EXACT, clause.text()));
        }
        return words;
    }
}
