package dev.kb.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * An agenda item title's words as the course means them, for {@link GapSuggester}: a word no topic has searched
 * with its typos corrected, an abbreviation also as the words the course's topic names spell it with. Each changes
 * the title's concept queries in place (the full and the prominent fields alike).
 */
final class TitleConcepts {
    /** Shorter words are abbreviations more often than typos ("PSA" is no typo of "PVC"). */
    private static final int MIN_CORRECTED_LENGTH = 6;

    private final QueryBuilder queries;
    private final Ranking ranking;

    TitleConcepts(QueryBuilder queries, Ranking ranking) {
        this.queries = queries;
        this.ranking = ranking;
    }

    /**
     * A title word no topic has is either a gap or a typo ("Capabilites"): it is searched with typo tolerance, so
     * a topic named by the word as meant still matches. Words some topic has are searched as written.
     */
    void misspelt(IndexSearcher searcher, UserQuery title, String course, boolean expand, List<Query> concepts,
                  List<Query> prominent) throws IOException {
        if (concepts.size() != title.clauses().size() || prominent.size() != concepts.size()) {
            return;
        }
        for (int i = 0; i < concepts.size(); i++) {
            if (searcher.count(GapSuggester.topics(concepts.get(i), course, null)) > 0) {
                continue;
            }
            UserQuery word = new UserQuery(List.of(title.clauses().get(i)));
            List<Query> tolerant = queries.concepts(word, ranking.topicFields(), searcher, false, expand)
                    .positive();
            List<Query> tolerantProminent = queries.concepts(word, GapSuggester.PROMINENT, searcher, false, expand)
                    .positive();
            if (tolerant.size() == 1 && tolerantProminent.size() == 1) {
                concepts.set(i, tolerant.get(0));
                prominent.set(i, tolerantProminent.get(0));
            }
            // Search tolerates typos only in words the index does not know; a handout (or another course) may
            // repeat the typo ("Capabilites" in the compiled handout): no topic has it, so its corrections stand in.
            String typed = title.clauses().get(i).text();
            if (searcher.count(GapSuggester.topics(concepts.get(i), course, null)) == 0) {
                Query corrected = corrected(searcher.getIndexReader(), typed, ranking.topicFields());
                if (corrected != null) {
                    concepts.set(i, corrected);
                    prominent.set(i, corrected(searcher.getIndexReader(), typed, GapSuggester.PROMINENT));
                }
            }
        }
    }

    /**
     * An abbreviation in the title ("PSA") also matches the words the course's topic names spell it with ("Pod
     * Security Admission"), as a phrase; returns the title with such abbreviations spelled out, as its words mean.
     */
    String spelledOut(IndexSearcher searcher, UserQuery title, String course, String itemTitle,
                      List<Query> concepts, List<Query> prominent) throws IOException {
        if (concepts.size() != title.clauses().size() || prominent.size() != concepts.size()
                || title.clauses().stream().noneMatch(c -> Acronyms.isAcronym(c.text()))) {
            return itemTitle;
        }
        Query all = GapSuggester.topics(null, course, null);
        List<String> names = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(all, Math.max(1, searcher.count(all))).scoreDocs) {
            Document d = searcher.storedFields().document(sd.doc, Set.of(IndexFields.TITLE, IndexFields.PATH));
            String path = d.get(IndexFields.PATH);
            if (d.get(IndexFields.TITLE) != null) {
                names.add(d.get(IndexFields.TITLE));
            }
            if (path != null) {
                names.add(path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.md$", ""));
            }
        }
        String meant = itemTitle;
        for (int i = 0; i < concepts.size(); i++) {
            String word = title.clauses().get(i).text();
            if (!Acronyms.isAcronym(word)) {
                continue;
            }
            java.util.Optional<String> expansion = Acronyms.expansion(word, names);
            if (expansion.isEmpty()) {
                continue;
            }
            UserQuery phrase = new UserQuery(List.of(new UserQuery.Clause(expansion.get(), true, false)));
            concepts.set(i, either(concepts.get(i), queries.concepts(phrase, ranking.topicFields(), null, false, false)
                    .positive()));
            prominent.set(i, either(prominent.get(i), queries.concepts(phrase, GapSuggester.PROMINENT, null, false, false)
                    .positive()));
            meant = meant.replaceFirst("\\b" + java.util.regex.Pattern.quote(word) + "\\b",
                    java.util.regex.Matcher.quoteReplacement(expansion.get()));
        }
        return meant;
    }


    private static Query either(Query query, List<Query> alternatives) {
        if (alternatives.isEmpty()) {
            return query;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder().add(query, BooleanClause.Occur.SHOULD);
        alternatives.forEach(a -> any.add(a, BooleanClause.Occur.SHOULD));
        return any.build();
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
}
