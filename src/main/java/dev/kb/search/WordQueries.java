package dev.kb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * One concept of a query as a Lucene query: a word or a quoted phrase in every field and form, the best match
 * counting — as written, stemmed, as its code parts, its loose parts, a compound's first part, a completion of an
 * unfinished word, the closest corrections of a typo, and the members of its synonym groups. {@link QueryBuilder}
 * decides which words become concepts and how they add up; this class knows how one word can match.
 */
final class WordQueries {
    private static final float TIE_BREAKER = 0.2f;
    private static final float LOOSE_PARTS = 0.5f;
    private static final float PARTS_OF_STRUCTURED_WORD = 0.6f;
    private static final int MIN_FUZZY_LENGTH = 4;
    /** Shorter words start too many unrelated words to stand for a compound's first part. */
    private static final int MIN_COMPOUND_PART = 5;
    static final int MAX_CORRECTIONS = 3;
    /**
     * "All but one of the parts in any order" pays for itself on identifiers ({@code pod.spec.securityContext
     * .runAsNonRoot} has 8 parts); a token of a hundred parts is no identifier, and would cost a clause per part.
     */
    static final int MAX_LOOSE_PARTS = 8;

    private final Ranking ranking;
    private final Map<Analyses.Form, Analyzer> parts = new EnumMap<>(Analyses.Form.class);
    private final Analyzer whole = Analyses.whole(Analyses.Form.EXACT);

    WordQueries(Ranking ranking) {
        this.ranking = ranking;
        for (Analyses.Form form : Analyses.Form.values()) {
            parts.put(form, Analyses.parts(form));
        }
    }

    /** A typed word and the members of its synonym groups (weighted less), the best match counting. */
    Query withSynonyms(String typed, Query word, List<Synonyms.Match> matches,
                       Map<IndexFields.Text, Float> fields) {
        if (matches.isEmpty()) {
            return word;
        }
        List<Query> alternatives = new ArrayList<>();
        if (word != null) {
            alternatives.add(word);
        }
        for (Synonyms.Match match : matches) {
            for (String member : match.members()) {
                if (match.end() - match.start() == 1 && Synonyms.normalize(member).equals(Synonyms.normalize(typed))) {
                    continue; // the typed word itself
                }
                // Only reached when expanding: without, no synonyms are looked up.
                Query q = member.contains(" ") ? phrase(member, fields) : word(member, fields, null, false, true);
                if (q != null) {
                    alternatives.add(new BoostQuery(q, ranking.synonymWeight()));
                }
            }
        }
        return alternatives.isEmpty() ? null : new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
    }

    /**
     * One word in every field and form. {@code reader} null means no typo tolerance (exclusions, synonyms) and no
     * compound parts; {@code expand} false leaves out the loose parts of a long word.
     */
    Query word(String word, Map<IndexFields.Text, Float> fields, IndexReader reader, boolean last,
               boolean expand) {
        List<Query> alternatives = new ArrayList<>();
        List<String> exactParts = QueryBuilder.analyze(parts.get(Analyses.Form.EXACT), word);
        String asWritten = single(QueryBuilder.analyze(whole, word));
        // Typos and unfinished words are assumed only where the index does not know the word as written.
        boolean unknownWord = reader != null && exactParts.size() == 1 && unknown(reader, fields, exactParts.get(0));
        // "--set", "can-i", "runAsNonRoot": the token as typed says more than its parts ("set" in prose). A token
        // of delimiters alone ("_", "__") has no parts at all: the index knows it only as written.
        boolean structured = asWritten != null && !List.of(asWritten).equals(exactParts);
        float partsFactor = structured ? PARTS_OF_STRUCTURED_WORD : 1.0f;
        // A word's parts depend on the form only: analysed once per form, not again for every field.
        Map<Analyses.Form, List<String>> partsByForm = new EnumMap<>(Analyses.Form.class);
        partsByForm.put(Analyses.Form.EXACT, exactParts);
        fields.forEach((text, weight) -> {
            for (Analyses.Form form : text.forms) {
                List<String> p = partsByForm.computeIfAbsent(form, f -> QueryBuilder.analyze(parts.get(f), word));
                String field = text.field(form);
                float boost = weight * ranking.forms().get(form);
                if (!p.isEmpty()) {
                    alternatives.add(new BoostQuery(p.size() == 1 ? new TermQuery(new Term(field, p.get(0)))
                            : phrase(field, p), boost * partsFactor));
                }
                if (form != Analyses.Form.EXACT) {
                    continue;
                }
                if (structured) {
                    alternatives.add(new BoostQuery(new TermQuery(new Term(field, asWritten)), boost));
                }
                if (expand && p.size() > 2 && p.size() <= MAX_LOOSE_PARTS) {
                    alternatives.add(new BoostQuery(loose(field, p), boost * partsFactor * LOOSE_PARTS));
                }
                if (last && unknownWord && p.get(0).length() >= 2) {
                    alternatives.add(new BoostQuery(new PrefixQuery(new Term(field, p.get(0)),
                            FrequentTermsRewrite.DEFAULT), boost * ranking.prefixWeight()));
                } else if (reader != null && p.size() == 1 && p.get(0).length() >= MIN_COMPOUND_PART
                        && ranking.compoundWeight() > 0) {
                    // German puts a compound's parts first: "Passwort" is in "Passwortänderung", "Datum" in
                    // "Datumswert". Such words count, less than the word alone.
                    alternatives.add(new BoostQuery(new PrefixQuery(new Term(field, p.get(0)),
                            FrequentTermsRewrite.DEFAULT), boost * ranking.compoundWeight()));
                }
            }
        });
        if (unknownWord && exactParts.get(0).length() >= MIN_FUZZY_LENGTH) {
            // A typo: the closest words the index knows stand in, each worth less than an exact match.
            List<String> exactFields = fields.keySet().stream().map(t -> t.field(Analyses.Form.EXACT)).toList();
            for (Corrections.Candidate c : Corrections.of(reader, exactFields, exactParts.get(0), MAX_CORRECTIONS)) {
                fields.forEach((text, weight) -> alternatives.add(new BoostQuery(
                        new TermQuery(new Term(text.field(Analyses.Form.EXACT), c.term())),
                        weight * ranking.fuzzyWeight() / c.edits())));
            }
        }
        return alternatives.isEmpty() ? null : new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
    }

    /** A quoted phrase: its words in order, in every field and form. */
    Query phrase(String text, Map<IndexFields.Text, Float> fields) {
        List<Query> alternatives = new ArrayList<>();
        Map<Analyses.Form, List<String>> partsByForm = new EnumMap<>(Analyses.Form.class);
        fields.forEach((field, weight) -> {
            for (Analyses.Form form : field.forms) {
                List<String> p = partsByForm.computeIfAbsent(form, f -> QueryBuilder.analyze(parts.get(f), text));
                if (!p.isEmpty()) {
                    String name = field.field(form);
                    Query q = p.size() == 1 ? new TermQuery(new Term(name, p.get(0))) : phrase(name, p);
                    alternatives.add(new BoostQuery(q, weight * ranking.forms().get(form)));
                }
            }
        });
        return alternatives.isEmpty() ? null : new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
    }

    private static Query phrase(String field, List<String> terms) {
        return new PhraseQuery(field, terms.toArray(String[]::new));
    }

    /** All but one of a long word's parts, in any order: "automountServiceAccountToken" still finds "automount service account". */
    private static Query loose(String field, List<String> parts) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        parts.forEach(p -> b.add(new TermQuery(new Term(field, p)), BooleanClause.Occur.SHOULD));
        b.setMinimumNumberShouldMatch(parts.size() - 1);
        return b.build();
    }

    /** True when no searched field has the term as written: only then are typing errors assumed. */
    private static boolean unknown(IndexReader reader, Map<IndexFields.Text, Float> fields, String term) {
        try {
            for (IndexFields.Text text : fields.keySet()) {
                if (reader.docFreq(new Term(text.field(Analyses.Form.EXACT), term)) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String single(List<String> terms) {
        return terms.size() == 1 ? terms.get(0) : null;
    }
}
