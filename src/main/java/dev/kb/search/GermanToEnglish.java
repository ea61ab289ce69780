package dev.kb.search;

import dev.kb.common.IndexConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;

/**
 * A German question rendered in English word by word, for the embedding model, which knows English only: with its
 * German words a question found its document by meaning on few of the dev courses, rendered in English on most
 * (docs/benchmarks.md "Searching by meaning"). Word order and grammar stay German; the model hardly minds.
 * Technical terms come from {@code index/terms-de-en.txt} (a run of two words before its single words), other words from
 * {@code index/glossary-de-en.txt}; a compound neither lists is split into parts that are listed
 * ("Gruppenordner" → "group folder"). Words known in neither stay as typed: names, commands and English words.
 */
final class GermanToEnglish {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Parts of a compound are at least this long: shorter ones split words at random. */
    private static final int MIN_PART = 4;
    /** Joints between the parts of a German compound (Gruppe-n-ordner, Sicherheit-s-lücke), the longest first. */
    private static final List<String> JOINTS = List.of("es", "en", "s", "n", "e", "");
    private static final Analyzer FOLD =
            Analyses.chain(source -> new GermanNormalizationFilter(new LowerCaseFilter(source)));
    /** Inflection endings of German nouns, adjectives and verbs, the longest first. */
    private static final List<String> ENDINGS = List.of("ten", "en", "er", "es", "em", "st", "et", "te", "e", "n", "s", "t");
    /** ... and what a verb's first person or a noun's singular lacks of the form the lists give (anwende, Regel). */
    private static final List<String> ADDED = List.of("n", "en");
    /** Most entries are one word; the technical terms have a few of two. */
    private static final int LONGEST = 2;

    /** Words (and runs of words) as written, case and umlauts folded. */
    private final Map<String, String> exact;
    /**
     * The same by stem, for inflected forms the lists do not spell out; a stem shared by words of different
     * meaning (benutzen, Benutzer; sichern, sich) is left out: a wrong word misleads the model more than a German one.
     */
    private final Map<String, String> stems;

    private GermanToEnglish(Map<String, String> exact, Map<String, String> stems) {
        this.exact = exact;
        this.stems = stems;
    }

    static GermanToEnglish configured() {
        return of(IndexConfig.lines("glossary-de-en.txt"));
    }

    /**
     * With the reviewed technical terms of {@code terms-de-en.txt} (German first, its first English rendering) and
     * these glossary lines ({@code german, english}); a term wins over a glossary word.
     */
    static GermanToEnglish of(List<String> glossaryLines) {
        Map<String, String> exact = new HashMap<>();
        Map<String, String> stems = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        List<String> lines = new ArrayList<>(IndexConfig.lines("terms-de-en.txt"));
        lines.addAll(glossaryLines);
        for (String line : lines) {
            String[] members = line.split("\\s*,\\s*");
            if (members.length < 2 || members[0].isBlank()) {
                continue;
            }
            String english = members[1].strip();
            exact.putIfAbsent(fold(members[0]), english);
            String stem = Synonyms.normalize(members[0]);
            String before = stems.putIfAbsent(stem, english);
            if (before != null && !before.equals(english)) {
                ambiguous.add(stem);
            }
        }
        ambiguous.forEach(stems::remove);
        return new GermanToEnglish(Map.copyOf(exact), Map.copyOf(stems));
    }

    /** The question with each German word (or run of words) it knows replaced by its English. */
    String render(String question) {
        List<String> words = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Matcher m = WORD.matcher(question);
        while (m.find()) {
            words.add(m.group());
            spans.add(new int[] {m.start(), m.end()});
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        int i = 0;
        while (i < words.size()) {
            out.append(question, at, spans.get(i)[0]);
            int end = i + 1;
            String english = null;
            for (int run = Math.min(LONGEST, words.size() - i); run > 1 && english == null; run--) {
                english = known(String.join(" ", words.subList(i, i + run)));
                end = i + run;
            }
            if (english == null) {
                end = i + 1;
                english = word(words.get(i));
            }
            out.append(english);
            at = spans.get(end - 1)[1];
            i = end;
        }
        return out.append(question.substring(at)).toString().replaceAll("\\s+", " ").strip();
    }

    private String word(String typed) {
        String known = known(typed);
        if (known != null) {
            return known;
        }
        String compound = compound(fold(typed), 2);
        return compound != null ? compound : typed;
    }

    /**
     * The English of a word or run of words as written, else of a listed word it inflects (an ending taken off or
     * added: Regeln → Regel, anwende → anwenden), else by its stem; null when neither list has it.
     */
    private String known(String typed) {
        String folded = fold(typed);
        String english = exact.get(folded);
        for (int i = 0; english == null && i < ENDINGS.size(); i++) {
            String ending = ENDINGS.get(i);
            if (folded.endsWith(ending) && folded.length() - ending.length() >= MIN_PART) {
                english = exact.get(folded.substring(0, folded.length() - ending.length()));
            }
        }
        for (int i = 0; english == null && i < ADDED.size(); i++) {
            english = exact.get(folded + ADDED.get(i));
        }
        return english != null ? english : stems.get(Synonyms.normalize(typed));
    }

    private static String fold(String text) {
        return String.join(" ", QueryBuilder.analyze(FOLD, text));
    }

    /** A compound as its parts' English, the longest known head first; null when it does not split into known parts. */
    private String compound(String word, int depth) {
        for (int end = word.length() - MIN_PART; end >= MIN_PART; end--) {
            String tail = word.substring(end);
            String tailEnglish = known(tail);
            if (tailEnglish == null && depth > 1) {
                tailEnglish = compound(tail, depth - 1);
            }
            if (tailEnglish == null) {
                continue;
            }
            for (String joint : JOINTS) {
                String head = word.substring(0, end);
                if (head.length() - joint.length() >= MIN_PART && head.endsWith(joint)) {
                    String headEnglish = known(head.substring(0, head.length() - joint.length()));
                    if (headEnglish != null) {
                        return headEnglish + " " + tailEnglish;
                    }
                }
            }
        }
        return null;
    }
}
