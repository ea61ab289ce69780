package dev.kb.search;

import dev.kb.common.Html;
import dev.kb.common.InvalidInput;
import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final int LEAD_CHARS = 200;
    /** Where a quote may come from, in order of preference; their stored fields carry the texts' base names. */
    private static final List<IndexFields.Text> QUOTED = List.of(IndexFields.Text.BODY, IndexFields.Text.CODE,
            IndexFields.Text.HEADING);
    /** Topics, then handouts, then external pages (see {@link IndexFields#TIER}), each by score. */
    private static final Sort TIERS_THEN_SCORE = new Sort(new SortField(IndexFields.TIER, SortField.Type.INT),
            SortField.FIELD_SCORE);

    private final SearchIndex index;
    private final Ranking ranking;
    private final QueryBuilder queries;
    private final MatchHighlighter highlighter = new MatchHighlighter();
    /** Recent answers (a few MB at most): bursts of the same search from a class cost one search. */
    private final ResultCache<Request, SearchResult> recent = new ResultCache<>(1_000);

    public SearchService(SearchIndex index, SearchSettings settings) {
        this.index = index;
        this.ranking = settings.ranking();
        this.queries = settings.queries();
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
        return index.forRequest(searcher -> {
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
        Query base = queries.build(query, ranking.topicFields(), searcher.getIndexReader(), typing);
        if (base == null) {
            return new SearchResult(request.q(), 0, request.limit(), request.offset(), List.of(), Map.of(), null,
                    null);
        }
        boolean external = searcher.getIndexReader().docFreq(new Term(IndexFields.TYPE, IndexFields.TYPE_REFERENCE)) > 0;
        Query topics = filtered(FunctionScoreQuery.boostByValue(base, DoubleValuesSource.fromFloatField(
                IndexFields.PRIOR)), request, external);
        // One pass collects the page and counts the facets.
        Object[] results = searcher.search(topics, new MultiCollectorManager(new TopFieldCollectorManager(
                TIERS_THEN_SCORE, request.offset() + request.limit(), null, Integer.MAX_VALUE), Facets.manager()));
        TopDocs top = (TopDocs) results[0];
        @SuppressWarnings("unchecked")
        Map<String, List<Facets.Count>> facets = Facets.counts((Map<String, Map<String, Integer>>) results[1]);
        Query sections = queries.build(query, ranking.sectionFields(), searcher.getIndexReader(), typing);
        MatchHighlighter.QueryTerms terms = MatchHighlighter.QueryTerms.of(sections, typedWords(query));
        List<Document> page = new ArrayList<>();
        for (int i = request.offset(); i < top.scoreDocs.length; i++) {
            page.add(searcher.storedFields().document(top.scoreDocs[i].doc));
        }
        Map<String, Document> best = bestSections(searcher, sections, page);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            FieldDoc doc = (FieldDoc) top.scoreDocs[request.offset() + i];
            hits.add(hit(searcher, page.get(i), doc, best.get(page.get(i).get(IndexFields.TOPIC)), terms));
        }
        String didYouMean = DidYouMean.suggest(searcher.getIndexReader(), query, request.q(), queries::understood);
        return new SearchResult(request.q(), top.totalHits.value, request.limit(), request.offset(), hits, facets,
                didYouMean, null);
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

    /** For each topic of the page, its best-matching section: one search for the whole page. */
    private static Map<String, Document> bestSections(IndexSearcher searcher, Query sections, List<Document> page)
            throws IOException {
        Map<String, Document> best = new HashMap<>();
        // External pages have no sections.
        List<BytesRef> ids = page.stream().filter(d -> d.get(IndexFields.REFERENCE) == null)
                .map(d -> new BytesRef(d.get(IndexFields.TOPIC))).toList();
        if (ids.isEmpty()) {
            return best;
        }
        Query inPage = new BooleanQuery.Builder().add(sections, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SECTION)), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(IndexFields.TOPIC, ids), BooleanClause.Occur.FILTER)
                .build();
        for (Map.Entry<String, ScoreDoc> e : searcher.search(inPage, new BestSections()).entrySet()) {
            best.put(e.getKey(), searcher.storedFields().document(e.getValue().doc));
        }
        return best;
    }

    private SearchHit hit(IndexSearcher searcher, Document topic, FieldDoc doc, Document bestSection,
                          MatchHighlighter.QueryTerms terms) throws IOException {
        float score = doc.fields[1] instanceof Float f ? f : doc.score;
        if (topic.get(IndexFields.REFERENCE) != null) {
            return external(topic, score, terms);
        }
        String topicId = topic.get(IndexFields.TOPIC);
        Section best = section(searcher, topicId, bestSection, terms);
        String snippet = best.snippet() == null || best.snippet().isBlank() ? named(topic, terms) : best.snippet();
        return SearchHit.topic(new SearchHit.Topic(topicId, topic.get(IndexFields.COURSE), topic.get(IndexFields.PATH),
                        topic.get(IndexFields.TITLE), topic.get(IndexFields.KIND), topic.get(IndexFields.LANGUAGE),
                        Boolean.parseBoolean(topic.get(IndexFields.IN_AGENDA)),
                        ((Number) doc.fields[0]).intValue() == IndexFields.TIER_HANDOUT),
                new SearchHit.Match(best.anchor(), best.heading(), snippet), score);
    }

    /** A hit on an external page: quoted from its stored text, pointing at the URL and the topics citing it. */
    private SearchHit external(Document page, float score, MatchHighlighter.QueryTerms terms) {
        String text = page.get(IndexFields.BODY);
        MatchHighlighter.Quote q = highlighter.snippet(terms, IndexFields.Text.BODY, text, null, false);
        String snippet = q != null ? q.html() : lead(text);
        List<SearchHit.Citation> citedBy = new ArrayList<>();
        for (String stored : page.getValues(IndexFields.CITED_BY)) {
            ReferenceDocuments.Citation c = ReferenceDocuments.Citation.parse(stored);
            citedBy.add(new SearchHit.Citation(c.topicId(), c.path()));
        }
        return SearchHit.externalPage(page.get(IndexFields.COURSE), page.get(IndexFields.TITLE), snippet, score,
                new SearchHit.Reference(page.get(IndexFields.REFERENCE), page.get(IndexFields.URL), citedBy));
    }

    private record Section(String anchor, String heading, String snippet) {
    }

    /**
     * A topic with no text to quote (its match is in the title or path, its sections are pictures or empty) still
     * quotes what matched: the title, else the path, marked; a hit never shows an empty snippet.
     */
    private String named(Document topic, MatchHighlighter.QueryTerms terms) {
        String title = topic.get(IndexFields.TITLE);
        for (String text : List.of(title, TopicDocuments.pathWords(topic.get(IndexFields.PATH)))) {
            MatchHighlighter.Quote q = highlighter.snippet(terms, IndexFields.Text.HEADING, text, null, false);
            if (q != null) {
                return q.html();
            }
        }
        return Html.escape(title);
    }

    private Section section(IndexSearcher searcher, String topicId, Document section,
                            MatchHighlighter.QueryTerms terms) throws IOException {
        if (section != null) {
            String snippet = quote(terms, section);
            return new Section(section.get(IndexFields.ANCHOR), emptyToNull(section.get(IndexFields.HEADING)),
                    snippet != null ? snippet : lead(section));
        }
        // The topic matched on its title, path or agenda text only: quote its first section with text.
        Query inTopic = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TOPIC, topicId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SECTION)), BooleanClause.Occur.FILTER)
                .build();
        TopDocs first = searcher.search(inTopic, 50, new Sort(new SortField(IndexFields.SECTION_ORD, SortField.Type.INT)));
        for (ScoreDoc sd : first.scoreDocs) {
            Document candidate = searcher.storedFields().document(sd.doc);
            if (!candidate.get(IndexFields.BODY).isBlank()) {
                return new Section(candidate.get(IndexFields.ANCHOR), emptyToNull(candidate.get(IndexFields.HEADING)),
                        lead(candidate));
            }
        }
        return new Section(null, null, "");
    }

    /**
     * Quotes the part of the section that matched: prose cut at sentences, else code at lines, else the heading.
     * The first that matches a word as typed wins ("runAsUser" in code over "running as … user" in prose).
     */
    private String quote(MatchHighlighter.QueryTerms terms, Document section) {
        String language = section.get(IndexFields.SECTION_LANGUAGE);
        MatchHighlighter.Quote fallback = null;
        for (IndexFields.Text text : QUOTED) {
            MatchHighlighter.Quote q = highlighter.snippet(terms, text, section.get(text.base), language,
                    text != IndexFields.Text.BODY);
            if (q != null && q.primaryMatches() > 0) {
                return q.html();
            }
            fallback = fallback == null ? q : fallback;
        }
        return fallback == null ? null : fallback.html();
    }

    /** The words as typed, in the exact analysis: what a quote should show first. */
    private static Set<String> typedWords(UserQuery query) {
        Set<String> words = new HashSet<>();
        for (UserQuery.Clause clause : query.positive()) {
            words.addAll(QueryBuilder.analyze(Analyses.whole(Analyses.Form.EXACT), clause.text()));
        }
        return words;
    }

    private static String lead(Document section) {
        return lead(section.get(IndexFields.BODY));
    }

    private static String lead(String text) {
        String body = text.strip();
        if (body.length() <= LEAD_CHARS) {
            return Html.escape(body);
        }
        int space = body.lastIndexOf(' ', LEAD_CHARS);
        return Html.escape(body.substring(0, space > LEAD_CHARS / 2 ? space : LEAD_CHARS)) + " …";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
