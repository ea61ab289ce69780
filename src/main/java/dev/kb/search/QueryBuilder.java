package dev.kb.search;

import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Turns a {@link UserQuery} into a Lucene query. Every word becomes a "concept" that may match in any field and
 * any analysis, the best match counting (a disjunction-max): as written, stemmed in English or German, as its
 * code parts, through a synonym, and — only where the index does not know the word — one or two typing errors
 * away. The last word also matches as a prefix while the user is still typing. A topic needs one concept to
 * match; each further one adds to its score.
 *
 * <p>Expansions are bounded, silently (the query still answers): a prefix stands for its
 * {@value FrequentTermsRewrite#MAX_TERMS} most frequent completions, a typo for at most
 * {@value WordQueries#MAX_CORRECTIONS} corrections chosen among {@value Corrections#MAX_VISITED} candidate words. The
 * query syntax ({@link UserQuery}) has no wildcards or fuzzy operators of its own: {@code *}, {@code ?} and {@code ~}
 * are text.
 *
 * <p>Lucene refuses a query of more leaf clauses than {@link IndexSearcher#getMaxClauseCount()} (a term or a
 * phrase in one field is one), and every word costs one per field and form and more for its expansions. A query
 * is therefore built within {@value #MAX_CLAUSES} clauses: a long word's parts in any order only up to
 * {@value WordQueries#MAX_LOOSE_PARTS} parts; when the whole query is still over, it is built again without the
 * expansions (synonyms, typos, the prefix, loose parts), and a query over even then is refused naming
 * {@link Limit#QUERY_CLAUSES}.
 */
final class QueryBuilder {
    /**
     * Leaf clauses of one built query: Lucene's default maximum (1024) less room for the filters the services
     * add around it (type, course, module, language, kind, …).
     */
    static final int MAX_CLAUSES = 1_000;

    private final Ranking ranking;
    private final Synonyms synonyms;
    private final QuestionWords questionWords;
    private final WordQueries wordQueries;

    QueryBuilder(Ranking ranking, Synonyms synonyms, QuestionWords questionWords) {
        this.ranking = ranking;
        this.synonyms = synonyms;
        this.questionWords = questionWords;
        this.wordQueries = new WordQueries(ranking);
    }

    /**
     * @param fields            the fields to search and their weights (a topic's or a section's)
     * @param completeLastWord  the user may still be typing the last word: match it as a prefix too
     * @return null when nothing of the query is searchable (only punctuation, only exclusions)
     */
    Query build(UserQuery query, Map<IndexFields.Text, Float> fields, IndexSearcher searcher,
                boolean completeLastWord) {
        Map<IndexFields.Text, Float> searched = present(fields, searcher.getIndexReader());
        Query full = combine(concepts(query, searched, searcher, completeLastWord, true));
        if (full == null || Clauses.count(full) <= MAX_CLAUSES) {
            return full;
        }
        // Many words with many expansions: the words as typed count more than their synonyms, typos and completions.
        // Without expansions a word costs a clause per field and form (and one per field as written): a search's
        // 32 words always fit; only many phrases of a long question can be refused.
        Query lean = combine(concepts(query, searched, searcher, false, false));
        if (Clauses.count(lean) > MAX_CLAUSES) {
            throw new LimitExceeded(Limit.QUERY_CLAUSES, MAX_CLAUSES, "q", "the query expands to more than the limit "
                    + "of " + MAX_CLAUSES + " search clauses (every word and phrase is searched in each field and "
                    + "form); use fewer words or phrases");
        }
        return lean;
    }

    /**
     * Scores add up over the concepts a document matches, function words counting only a little; and a topic
     * covering more of the content words ranks higher: the sum times the share covered.
     */
    private Query combine(Concepts concepts) {
        if (concepts.positive().isEmpty()) {
            return null;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (int i = 0; i < concepts.positive().size(); i++) {
            Query q = concepts.positive().get(i);
            builder.add(concepts.weights()[i] > 0 ? q : new BoostQuery(q, ranking.functionWordWeight()),
                    BooleanClause.Occur.SHOULD);
        }
        concepts.excluded().forEach(e -> builder.add(e, BooleanClause.Occur.MUST_NOT));
        builder.setMinimumNumberShouldMatch(1);
        Query any = builder.build();
        long content = IntStream.range(0, concepts.weights().length).filter(i -> concepts.weights()[i] > 0).count();
        if (content < 2) {
            return any;
        }
        return FunctionScoreQuery.boostByValue(any, new Coverage(concepts.positive(), concepts.weights(),
                ranking.coverageExponent()));
    }

    /**
     * The share of the query's content words (weighed by rarity) a document matches in these fields, from 0 to 1:
     * comparable across queries, unlike a search score.
     */
    Coverage coverage(UserQuery query, Map<IndexFields.Text, Float> fields, IndexSearcher searcher) {
        Concepts concepts = concepts(query, present(fields, searcher.getIndexReader()), searcher, false, true);
        return new Coverage(concepts.positive(), concepts.weights(), 1f);
    }

    /** A word kb understands without knowing it from the index: a function word, or one with synonyms. */
    boolean understood(String word) {
        return questionWords.contains(word) || synonyms.lists(word);
    }

    /**
     * The fields some document of the index has (all of them without a reader): a field no document has (no
     * external page was checked yet) would only add term lookups that cannot match.
     */
    static Map<IndexFields.Text, Float> present(Map<IndexFields.Text, Float> fields, IndexReader reader) {
        if (reader == null) {
            return fields;
        }
        Map<IndexFields.Text, Float> present = new EnumMap<>(IndexFields.Text.class);
        try {
            for (Map.Entry<IndexFields.Text, Float> e : fields.entrySet()) {
                if (reader.getDocCount(e.getKey().field(Analyses.Form.EXACT)) > 0) {
                    present.put(e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search index read failed", e);
        }
        return present.isEmpty() ? fields : present;
    }

    /**
     * The query's concepts (each word or phrase, a word with its synonyms as alternatives), their weights for
     * coverage (how rare the word is; 0 for a function word, which does not decide a ranking) and exclusions.
     */
    record Concepts(List<Query> positive, float[] weights, List<Query> excluded) {
    }

    /** Whether the query's concepts with all their expansions (no typos) stay within {@value #MAX_CLAUSES} clauses. */
    boolean fitsExpanded(UserQuery query, Map<IndexFields.Text, Float> fields) {
        Query all = combine(concepts(query, fields, null, false, true));
        return all == null || Clauses.count(all) <= MAX_CLAUSES;
    }

    /**
     * @param expand match synonyms and the loose parts of long words too (typos also need a reader, completions
     *               {@code completeLastWord}); without, each word and phrase only as typed
     */
    Concepts concepts(UserQuery query, Map<IndexFields.Text, Float> fields, IndexSearcher searcher,
                      boolean completeLastWord, boolean expand) {
        IndexReader reader = searcher == null ? null : searcher.getIndexReader();
        List<UserQuery.Clause> clauses = query.clauses();
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            if (!clauses.get(i).phrase() && !clauses.get(i).excluded()) {
                words.add(i);
            }
        }
        // A synonym adds alternatives to each word it spans; it never takes away what was typed.
        Map<Integer, List<Synonyms.Match>> synonymsAt = new HashMap<>();
        List<Synonyms.Match> matches = expand ? synonyms.find(words.stream().map(i -> clauses.get(i).text()).toList())
                : List.of();
        for (Synonyms.Match m : matches) {
            for (int w = m.start(); w < m.end(); w++) {
                synonymsAt.computeIfAbsent(words.get(w), k -> new ArrayList<>()).add(m);
            }
        }
        boolean onlyFunctionWords = words.stream().allMatch(i -> questionWords.contains(clauses.get(i).text()))
                && clauses.stream().noneMatch(c -> c.phrase() && !c.excluded());

        List<Query> concepts = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        List<Query> excluded = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            UserQuery.Clause clause = clauses.get(i);
            Query q;
            if (clause.excluded()) {
                q = clause.phrase() ? wordQueries.phrase(clause.text(), fields)
                        : wordQueries.word(clause.text(), fields, null, false, expand);
                if (q != null) {
                    excluded.add(q);
                }
                continue;
            }
            if (clause.phrase()) {
                q = wordQueries.phrase(clause.text(), fields);
            } else {
                boolean last = completeLastWord && i == clauses.size() - 1;
                q = wordQueries.withSynonyms(clause.text(),
                        wordQueries.word(clause.text(), fields, expand ? reader : null, last, expand),
                        synonymsAt.getOrDefault(i, List.of()), fields);
            }
            if (q != null) {
                boolean function = !clause.phrase() && !onlyFunctionWords && questionWords.contains(clause.text());
                concepts.add(q);
                weights.add(function ? 0f : Coverage.rarity(clause.text(), fields, searcher));
            }
        }
        float[] w = new float[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
        }
        return new Concepts(List.copyOf(concepts), w, List.copyOf(excluded));
    }

    static List<String> analyze(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
