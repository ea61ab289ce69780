package dev.kb.search;

import dev.kb.common.InvalidInput;
import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/**
 * Completions for a search box or an IDE: titles, headings and code terms of which every typed word starts a
 * word, titles first. Each completion names its topic (and section) so a client can open it directly.
 */
public final class SuggestService {
    public static final int MAX_LIMIT = 50;
    public static final int MAX_QUERY_LENGTH = 200;
    private static final Sort BEST_KIND_FIRST = new Sort(new SortField(IndexFields.SUGGEST_RANK, SortField.Type.INT, true),
            SortField.FIELD_SCORE);
    /** Completions are deduplicated by text, so look at more candidates than asked for. */
    private static final int CANDIDATES_PER_RESULT = 5;

    private final SearchIndex index;

    public SuggestService(SearchIndex index) {
        this.index = index;
    }

    public record Suggestions(String query, List<Suggestion> suggestions) {
    }

    public Suggestions suggest(String q, String course, int limit) {
        if (q == null || q.isBlank()) {
            throw new InvalidInput("q", "the text to complete must not be empty");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new LimitExceeded(Limit.QUERY_CHARS, MAX_QUERY_LENGTH, "q", "the text to complete is longer than the "
                    + "limit of " + MAX_QUERY_LENGTH + " characters");
        }
        List<String> words = QueryBuilder.analyze(Analyses.WHOLE_EXACT, q);
        if (words.isEmpty()) {
            return new Suggestions(q, List.of());
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_SUGGESTION)), BooleanClause.Occur.FILTER);
        if (course != null) {
            query.add(new TermQuery(new Term(IndexFields.COURSE, course)), BooleanClause.Occur.FILTER);
        }
        for (String word : words.subList(0, Math.min(words.size(), SearchService.MAX_CLAUSES))) {
            query.add(new TermQuery(new Term(IndexFields.SUGGEST_PREFIXES, word)), BooleanClause.Occur.MUST);
        }
        return index.forRequest(searcher -> {
            List<Suggestion> result = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ScoreDoc sd : searcher.search(query.build(), limit * CANDIDATES_PER_RESULT, BEST_KIND_FIRST, true).scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                String text = d.get(IndexFields.SUGGESTION);
                if (seen.add(text.toLowerCase(Locale.ROOT))) {
                    result.add(new Suggestion(text, d.get(IndexFields.SUGGESTION_KIND), d.get(IndexFields.TOPIC),
                            d.get(IndexFields.COURSE), d.get(IndexFields.PATH), d.get(IndexFields.ANCHOR)));
                }
                if (result.size() == limit) {
                    break;
                }
            }
            return new Suggestions(q, List.copyOf(result));
        });
    }
}
