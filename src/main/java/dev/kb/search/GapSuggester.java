package dev.kb.search;

import dev.kb.ingest.LanguageDetector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the topics that most likely cover an agenda item that links none: the item's title searched across
 * languages (stems, synonyms, code parts), best first. Each suggestion carries a confidence: the share of the
 * title's subject matter (its words weighted by how rare they are in the course) the topic covers. Below the
 * minimum confidence nothing is suggested, so an item no topic covers says so instead of offering noise.
 */
public final class GapSuggester {
    private static final int POOL = 20;
    /** Where a topic names a subject: its title, headings, path and the agenda items that link it. */
    private static final Map<IndexFields.Text, Float> PROMINENT = Map.of(IndexFields.Text.TITLE, 1f,
            IndexFields.Text.HEADINGS, 1f, IndexFields.Text.PATH, 1f, IndexFields.Text.AGENDA, 1f);
    /** A subject only mentioned in the text covers the item half as well as one the topic is named by. */
    private static final double MENTIONED_ONLY = 0.5;
    /** Shorter words are abbreviations more often than typos ("PSA" is no typo of "PVC"). */
    private static final int MIN_CORRECTED_LENGTH = 6;

    private final SearchIndex index;
    private final QueryBuilder queries;
    private final Ranking ranking;
    private final double minConfidence;
    private final double inAgendaFactor;
    private final double titleWeight;
    private final double folderWeight;
    private final Synonyms synonyms;

    public GapSuggester(SearchIndex index, SearchSettings settings) {
        this.index = index;
        this.ranking = settings.ranking();
        this.queries = settings.queries();
        this.minConfidence = settings.gapMinConfidence();
        this.inAgendaFactor = settings.gapInAgendaFactor();
        this.titleWeight = settings.gapTitleWeight();
        this.folderWeight = settings.gapFolderWeight();
        this.synonyms = settings.synonyms();
    }

    /** The index run of the course the suggestions reflect now (null when the index holds none). */
    public Long indexedRun(String course) {
        return index.searchedRun(course);
    }

    /** A topic that likely covers the item; {@code confidence} from 0 to 1. */
    public record Suggestion(String topicId, String path, String title, double confidence) {
    }

    public List<Suggestion> suggest(String itemTitle, String course, int limit) {
        return suggest(itemTitle, List.of(), course, limit);
    }

    /**
     * @param neighbours the documents the item's module links (its other items): a topic in one of their folders
     *                   is more likely what the item meant than one elsewhere with the same words
     */
    public List<Suggestion> suggest(String itemTitle, Collection<String> neighbours, String course, int limit) {
        // The title is text, not query syntax: no phrases or exclusions, and words like "mit" say nothing. A hyphen
        // joins words a topic may use apart ("otp-authentication" for "One Time Password (otp)"): each is a word.
        List<UserQuery.Clause> words = new ArrayList<>();
        for (String w : itemTitle.replace('"', ' ').split("\\s+|(?<=\\p{L})-(?=\\p{L})")) {
            String word = w.replaceFirst("^-+", "").replaceAll("^\\p{P}+|\\p{P}+$", "");
            if (!word.isBlank() && !LanguageDetector.isFunctionWord(word)) {
                words.add(new UserQuery.Clause(word, false, false));
            }
        }
        if (words.isEmpty()) {
            return List.of();
        }
        // A title is course text of any length: its first words, with their synonyms and parts where they fit in
        // Lucene's clause maximum (see QueryBuilder), as typed where they do not.
        UserQuery title = new UserQuery(List.copyOf(words.subList(0, Math.min(words.size(), SearchService.MAX_CLAUSES))));
        boolean expand = queries.fitsExpanded(title, ranking.topicFields());
        return index.withSearcher(searcher -> {
            // No typo tolerance: a title's unknown words are gaps in the course, not misspellings.
            List<Query> concepts = new ArrayList<>(queries.concepts(title, ranking.topicFields(), null, false, expand)
                    .positive());
            List<Query> prominent = new ArrayList<>(queries.concepts(title, PROMINENT, null, false, expand).positive());
            if (concepts.isEmpty()) {
                return List.of();
            }
            misspelt(searcher, title, course, expand, concepts, prominent);
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            concepts.forEach(c -> any.add(c, BooleanClause.Occur.SHOULD));
            any.setMinimumNumberShouldMatch(1);
            // A wider pool than asked for: ranking by coverage may lift a topic the search put lower.
            ScoreDoc[] top = searcher.search(topics(any.build(), course, null), Math.max(POOL, limit)).scoreDocs;
            List<Document> candidates = new ArrayList<>();
            for (ScoreDoc sd : top) {
                candidates.add(searcher.storedFields().document(sd.doc));
            }
            List<BytesRef> ids = candidates.stream().map(d -> new BytesRef(d.get(IndexFields.TOPIC))).toList();
            int total = searcher.count(topics(null, course, null));
            double all = 0;
            double known = 0;
            double[] weight = new double[concepts.size()];
            List<Set<String>> coveredBy = new ArrayList<>();
            List<Set<String>> namedBy = new ArrayList<>();
            for (int i = 0; i < concepts.size(); i++) {
                int df = searcher.count(topics(concepts.get(i), course, null));
                weight[i] = Math.log(1.0 + (double) total / (df + 1));
                all += weight[i];
                // Words no topic has are what the course lacks: no topic can use them, in passing or not.
                known += df > 0 ? weight[i] : 0;
                coveredBy.add(matching(searcher, topics(concepts.get(i), course, ids), ids.size()));
                namedBy.add(matching(searcher, topics(prominent.get(i), course, ids), ids.size()));
            }
            Set<String> inAgenda = matching(searcher, topics(new TermQuery(new Term(IndexFields.IN_AGENDA, "true")),
                    course, ids), ids.size());
            List<Suggestion> result = new ArrayList<>();
            List<Float> scores = new ArrayList<>();
            for (int c = 0; c < candidates.size(); c++) {
                Document d = candidates.get(c);
                String topic = d.get(IndexFields.TOPIC);
                double covered = 0;
                boolean named = false;
                for (int i = 0; i < concepts.size(); i++) {
                    if (namedBy.get(i).contains(topic)) {
                        covered += weight[i];
                        named = true;
                    } else if (coveredBy.get(i).contains(topic)) {
                        covered += weight[i] * MENTIONED_ONLY;
                    }
                }
                // A topic whose title, headings, path and agenda name none of the item's words is about the item
                // only when its text uses all of them the course knows; using some in passing ("network namespace" for "Network
                // policies") is not.
                if (!named && covered + 1e-9 < known * MENTIONED_ONLY) {
                    continue;
                }
                // A topic the agenda links already is what its own item teaches; an item without a link most
                // likely names a topic the agenda does not teach yet.
                double confidence = (all == 0 ? 0 : covered / all) * (inAgenda.contains(topic) ? inAgendaFactor : 1);
                if (confidence >= minConfidence) {
                    result.add(new Suggestion(d.get(IndexFields.TOPIC), d.get(IndexFields.PATH),
                            d.get(IndexFields.TITLE), Math.round(confidence * 100) / 100.0));
                    scores.add(top[c].score);
                }
            }
            // Most of the item covered first, lifted by a title that says what the item says and by a folder the
            // item's module teaches from; among equals, the better search match.
            TitleMatch titles = new TitleMatch(itemTitle, synonyms);
            Set<String> folders = new HashSet<>();
            neighbours.stream().map(GapSuggester::folder).filter(f -> !f.isEmpty()).forEach(folders::add);
            List<Integer> order = new ArrayList<>();
            double[] rank = new double[result.size()];
            for (int i = 0; i < result.size(); i++) {
                order.add(i);
                rank[i] = result.get(i).confidence() + titleWeight * titles.similarity(result.get(i).title())
                        + folderWeight * nearness(folders, folder(result.get(i).path()));
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -rank[i]).thenComparingDouble(i -> -scores.get(i)));
            return order.stream().limit(limit).map(result::get).toList();
        });
    }

    /**
     * A title word no topic has is either a gap or a typo ("Capabilites"): it is searched with typo tolerance, so
     * a topic named by the word as meant still matches. Words some topic has are searched as written.
     */
    private void misspelt(IndexSearcher searcher, UserQuery title, String course, boolean expand, List<Query> concepts,
                          List<Query> prominent) throws IOException {
        if (concepts.size() != title.clauses().size() || prominent.size() != concepts.size()) {
            return;
        }
        for (int i = 0; i < concepts.size(); i++) {
            if (searcher.count(topics(concepts.get(i), course, null)) > 0) {
                continue;
            }
            UserQuery word = new UserQuery(List.of(title.clauses().get(i)));
            List<Query> tolerant = queries.concepts(word, ranking.topicFields(), searcher.getIndexReader(), false, expand)
                    .positive();
            List<Query> tolerantProminent = queries.concepts(word, PROMINENT, searcher.getIndexReader(), false, expand)
                    .positive();
            if (tolerant.size() == 1 && tolerantProminent.size() == 1) {
                concepts.set(i, tolerant.get(0));
                prominent.set(i, tolerantProminent.get(0));
            }
            // Search tolerates typos only in words the index does not know; a handout (or another course) may
            // repeat the typo ("Capabilites" in the compiled handout): no topic has it, so its corrections stand in.
            String typed = title.clauses().get(i).text();
            if (searcher.count(topics(concepts.get(i), course, null)) == 0) {
                Query corrected = corrected(searcher.getIndexReader(), typed, ranking.topicFields());
                if (corrected != null) {
                    concepts.set(i, corrected);
                    prominent.set(i, corrected(searcher.getIndexReader(), typed, PROMINENT));
                }
            }
        }
    }

    /** The closest words the index knows to a single typed word, in the fields; null when it has none. */
    private static Query corrected(org.apache.lucene.index.IndexReader reader, String typed,
                                   Map<IndexFields.Text, Float> fields) {
        List<String> parts = QueryBuilder.analyze(Analyses.PARTS_EXACT, typed);
        if (parts.size() != 1 || parts.get(0).length() < MIN_CORRECTED_LENGTH) {
            return null;
        }
        List<String> names = fields.keySet().stream().map(t -> t.field(Analyses.Form.EXACT)).toList();
        List<Corrections.Candidate> candidates = Corrections.of(reader, names, parts.get(0), WordQueries.MAX_CORRECTIONS);
        if (candidates.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Corrections.Candidate c : candidates) {
            names.forEach(f -> any.add(new TermQuery(new Term(f, c.term())), BooleanClause.Occur.SHOULD));
        }
        return any.build();
    }

    /** Topics of the course (not handouts: they repeat other topics), matching the query, among {@code ids}. */
    private static Query topics(Query query, String course, List<BytesRef> ids) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_TOPIC)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.COURSE, course)), BooleanClause.Occur.FILTER)
                .add(NumericDocValuesField.newSlowExactQuery(IndexFields.TIER, 0), BooleanClause.Occur.FILTER);
        if (query != null) {
            b.add(query, BooleanClause.Occur.MUST);
        }
        if (ids != null) {
            b.add(new TermInSetQuery(IndexFields.TOPIC, ids), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /**
     * 1 for a topic in a folder the module teaches from, half for one in a folder beside such a folder (one parent,
     * not the course root: "runAs/" beside "capabilities/"), 0 otherwise.
     */
    private static double nearness(Set<String> folders, String folder) {
        if (folders.contains(folder)) {
            return 1;
        }
        String parent = folder(folder);
        return !parent.isEmpty() && folders.stream().anyMatch(f -> folder(f).equals(parent)) ? 0.5 : 0;
    }

    /** The folder of a course path; the course root is "" (it holds every subject in a flat course: no context). */
    private static String folder(String path) {
        int slash = path == null ? -1 : path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static Set<String> matching(IndexSearcher searcher, Query query, int max) throws IOException {
        Set<String> topics = new HashSet<>();
        for (ScoreDoc sd : searcher.search(query, Math.max(1, max)).scoreDocs) {
            topics.add(searcher.storedFields().document(sd.doc).get(IndexFields.TOPIC));
        }
        return topics;
    }
}
