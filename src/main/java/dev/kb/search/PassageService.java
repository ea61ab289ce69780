package dev.kb.search;

import dev.kb.common.InvalidInput;
import dev.kb.common.PublicUrl;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the passages that answer a question. Topics are ranked first, as a search does (title, headings, agenda
 * and path know what a topic is about; a passage alone often does not); then the passages of the best topics
 * are ranked by their own match, and each passage's score blends both. Adjacent passages of one topic are
 * merged, and the answer stops at {@code k} passages or {@code maxChars} characters. Reads only the index.
 */
public final class PassageService {
    public static final int MAX_QUERY_LENGTH = 4_000;
    public static final int MAX_CLAUSES = 400;
    /** A long question is searched by its rarest words: the common ones say little about where the answer is. */
    private static final int SEARCHED_WORDS = 32;
    public static final int MAX_K = 20;
    /**
     * A passage's score is its relative rank among the candidates times the share of the question's content words
     * (weighed by rarity) it covers with its title and heading. Below this, the best passage covers less than a
     * fifth of what was asked: treat it as nothing found. Measured on the three dev courses (RankingTuning#calibrate,
     * each course asked its own questions and the others'): 22 of 28 answered questions score above, 44 of 72
     * questions the course cannot answer below.
     */
    public static final float ANSWER_THRESHOLD = 0.2f;
    public static final int MIN_CHARS = 200;
    public static final int MAX_CHARS = 20_000;
    /** Topics whose passages compete. */
    private static final int TOPICS = 20;

    private final SearchIndex index;
    private final PublicUrl publicUrl;
    private final Ranking ranking;
    private final QueryBuilder queries;
    private final Semantics semantics;

    /** @param publicUrl where clients reach kb: citation URLs start with it (root-relative without one) */
    public PassageService(SearchIndex index, PublicUrl publicUrl, SearchSettings settings) {
        this.index = index;
        this.publicUrl = publicUrl;
        this.ranking = settings.ranking();
        this.queries = settings.queries();
        this.semantics = settings.semantics();
    }

    /** A question; {@code course} null asks every course. */
    public record Request(String q, String course, int k, int maxChars) {
    }

    /** Whether the index holds the course (see {@link SearchIndex#hasCourse}). */
    public boolean indexes(String courseId) {
        return index.hasCourse(courseId);
    }

    public Passages passages(Request r) {
        UserQuery query = SearchService.parse(r.q(), MAX_QUERY_LENGTH, MAX_CLAUSES);
        if (r.k() < 1 || r.k() > MAX_K) {
            throw new InvalidInput("k", "k must be between 1 and " + MAX_K);
        }
        if (r.maxChars() < MIN_CHARS || r.maxChars() > MAX_CHARS) {
            throw new InvalidInput("maxChars", "maxChars must be between " + MIN_CHARS + " and " + MAX_CHARS);
        }
        return index.forRequest(r.course(), searcher -> {
            UserQuery searched = rarest(query, searcher);
            Semantics.Question question = semantics.question(r.q(), ranking, searcher, r.course());
            List<Semantics.Near> near = question == null ? List.of() : Semantics.nearest(searcher, question, r.course());
            Map<String, Float> topics = topics(searcher, searched, r.course(), Semantics.byTopic(near),
                    question == null ? 0 : question.weight());
            if (topics.isEmpty()) {
                return new Passages(r.q(), r.k(), r.maxChars(), 0, List.of());
            }
            return select(r, new PassageRanker(queries, ranking).rank(searcher, searched, topics, near));
        });
    }

    /**
     * The question's words once each, and of a long question only the {@value #SEARCHED_WORDS} rarest in the
     * course's text (phrases and exclusions always kept), in the order asked.
     */
    static UserQuery rarest(UserQuery query, IndexSearcher searcher) throws IOException {
        Map<String, UserQuery.Clause> unique = new LinkedHashMap<>();
        for (UserQuery.Clause c : query.clauses()) {
            unique.putIfAbsent((c.excluded() ? "-" : "") + c.text().toLowerCase(Locale.ROOT), c);
        }
        List<UserQuery.Clause> clauses = new ArrayList<>(unique.values());
        List<UserQuery.Clause> words = clauses.stream().filter(c -> !c.phrase() && !c.excluded()).toList();
        if (words.size() > SEARCHED_WORDS) {
            String field = IndexFields.Text.BODY.field(Analyses.Form.EXACT);
            Map<UserQuery.Clause, Long> frequency = new HashMap<>();
            for (UserQuery.Clause c : words) {
                long df = Long.MAX_VALUE;
                for (String token : QueryBuilder.analyze(Analyses.WHOLE_EXACT, c.text())) {
                    df = Math.min(df, CourseSearcher.docFreq(searcher, new Term(field, token)));
                }
                frequency.put(c, df);
            }
            List<UserQuery.Clause> common = words.stream()
                    .sorted(Comparator.comparingLong((UserQuery.Clause c) -> frequency.get(c)))
                    .skip(SEARCHED_WORDS).toList();
            clauses.removeAll(common);
        }
        return new UserQuery(List.copyOf(clauses));
    }

    /** The best topics and their scores relative to the best (1 for the best). */
    private Map<String, Float> topics(IndexSearcher searcher, UserQuery query, String course,
                                      Map<String, Float> near, float weight) throws IOException {
        Query base = queries.build(query, ranking.topicFields(), searcher, false);
        Map<String, Float> scores = new HashMap<>();
        if (base == null) {
            return scores;
        }
        Query lexical = FunctionScoreQuery.boostByValue(base, DoubleValuesSource.fromFloatField(IndexFields.PRIOR));
        // A question searched by meaning too reorders more lexical hits than it keeps (see TopicFusion).
        TopDocs top = searcher.search(topicsOf(lexical, course), near.isEmpty() ? TOPICS : TopicFusion.WINDOW);
        for (ScoreDoc sd : top.scoreDocs) {
            scores.put(searcher.storedFields().document(sd.doc, Set.of(IndexFields.TOPIC)).get(IndexFields.TOPIC),
                    sd.score);
        }
        if (!near.isEmpty()) {
            scores = TopicFusion.scores(scores, near, weight);
        }
        List<Map.Entry<String, Float>> best = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOPICS).toList();
        Map<String, Float> result = new HashMap<>();
        if (best.isEmpty() || best.get(0).getValue() <= 0) {
            return result;
        }
        float max = best.get(0).getValue();
        best.forEach(e -> result.put(e.getKey(), e.getValue() / max));
        return result;
    }

    private static Query topicsOf(Query query, String course) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_TOPIC)), BooleanClause.Occur.FILTER);
        if (course != null) {
            b.add(new TermQuery(new Term(IndexFields.COURSE, course)), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** Passages of one section next to each other, shown as one. */
    private static final class Group {
        final PassageRanker.Candidate first;
        final TreeMap<Integer, PassageRanker.Candidate> parts = new TreeMap<>();

        Group(PassageRanker.Candidate first) {
            this.first = first;
            parts.put(first.ord(), first);
        }

        /** The next or previous passage of the same topic: one text, cut in two. */
        boolean adjoins(PassageRanker.Candidate c) {
            return c.topic().equals(first.topic()) && (c.ord() == parts.firstKey() - 1 || c.ord() == parts.lastKey() + 1);
        }

        String text() {
            return String.join("\n\n", parts.values().stream().map(c -> c.doc().get(IndexFields.PASSAGE_TEXT)).toList());
        }
    }

    /** The best passages within the budget, adjacent ones merged. */
    private Passages select(Request r, List<PassageRanker.Candidate> candidates) {
        List<Group> groups = new ArrayList<>();
        int used = 0;
        for (PassageRanker.Candidate c : candidates) {
            int length = c.doc().get(IndexFields.PASSAGE_TEXT).length();
            Group adjoining = groups.stream().filter(g -> g.adjoins(c)).findFirst().orElse(null);
            if (adjoining != null) {
                if (used + length + 2 <= r.maxChars()) {
                    adjoining.parts.put(c.ord(), c);
                    used += length + 2;
                }
            } else if (groups.size() < r.k() && used + length <= r.maxChars()) {
                groups.add(new Group(c));
                used += length;
            } else if (groups.isEmpty()) {
                // The best passage alone is longer than the budget: cut it rather than answer nothing.
                return new Passages(r.q(), r.k(), r.maxChars(), r.maxChars(), List.of(passage(new Group(c), r.maxChars())));
            }
        }
        List<Passages.Passage> result = groups.stream().map(g -> passage(g, Integer.MAX_VALUE)).toList();
        return new Passages(r.q(), r.k(), r.maxChars(), result.stream().mapToInt(p -> p.text().length()).sum(), result);
    }

    private Passages.Passage passage(Group g, int maxChars) {
        Document d = g.first.doc();
        String text = g.text();
        boolean truncated = text.length() > maxChars;
        if (truncated) {
            int cut = text.lastIndexOf('\n', maxChars - 2);
            text = text.substring(0, cut > maxChars / 2 ? cut : maxChars - 2) + " …";
        }
        String anchor = d.get(IndexFields.ANCHOR);
        String heading = d.get(IndexFields.HEADING);
        // The title's own heading says nothing the title does not: a citation reads "Title", not "Title › Title".
        heading = heading != null && heading.strip().equals(d.get(IndexFields.TITLE).strip()) ? null : heading;
        Passages.Citation citation = new Passages.Citation(g.first.topic(), d.get(IndexFields.COURSE),
                d.get(IndexFields.PATH), d.get(IndexFields.TITLE), heading == null || heading.isEmpty() ? null : heading,
                anchor, publicUrl.of(sectionUrl(g.first.topic(), anchor)));
        return new Passages.Passage(d.get(IndexFields.PASSAGE),
                g.parts.values().stream().map(c -> c.doc().get(IndexFields.PASSAGE)).toList(), text, g.first.score(),
                truncated, citation);
    }

    /** The API path of a section (the whole topic for the text before the first heading). */
    public static String sectionUrl(String topicId, String anchor) {
        return "/api/v1/topics/" + topicId
                + (anchor == null ? "" : "/sections/" + URLEncoder.encode(anchor, StandardCharsets.UTF_8));
    }
}
