package dev.kb.search;

import dev.kb.common.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Quotes the part of a section that matched, with the matches in {@code <mark>} and the rest HTML-escaped.
 * The text is analysed again in every form it was indexed in, so a match through a stem ("policies" for
 * "policy"), a code part ("net_raw" in "cap_net_raw") or a typo is marked like an exact one. Prose is cut at
 * sentences, code at lines: a code match shows its code line.
 */
final class MatchHighlighter {
    private static final int TARGET_CHARS = 220;
    /** Sections longer than this are quoted from their beginning only: bounded work per hit. */
    private static final int MAX_ANALYZED_CHARS = 20_000;

    private final Map<Analyses.Form, Analyzer> analyzers = new EnumMap<>(Analyses.Form.class);

    MatchHighlighter() {
        for (Analyses.Form form : Analyses.Form.values()) {
            analyzers.put(form, Analyses.offsets(form));
        }
    }

    /**
     * The terms a query looks for, per field; fuzzy and prefix queries as automata. {@code primary} are the
     * words as the user typed them (exact form): a match of those outweighs matches of parts and stems.
     */
    static final class QueryTerms {
        private final Map<String, Set<String>> terms = new HashMap<>();
        private final Map<String, List<ByteRunAutomaton>> patterns = new HashMap<>();
        private final Set<String> primary;

        private QueryTerms(Set<String> primary) {
            this.primary = primary;
        }

        static QueryTerms of(Query query, Set<String> primary) {
            QueryTerms result = new QueryTerms(primary);
            query.visit(new QueryVisitor() {
                @Override
                public void consumeTerms(Query q, org.apache.lucene.index.Term... ts) {
                    for (org.apache.lucene.index.Term t : ts) {
                        result.terms.computeIfAbsent(t.field(), k -> new HashSet<>()).add(t.text());
                    }
                }

                @Override
                public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                    result.patterns.computeIfAbsent(field, k -> new ArrayList<>()).add(automaton.get());
                }

                @Override
                public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                    // What a query excludes is never what it found.
                    return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
                }
            });
            return result;
        }

        boolean concerns(String field) {
            return terms.containsKey(field) || patterns.containsKey(field);
        }

        boolean matches(String field, String term) {
            if (terms.getOrDefault(field, Set.of()).contains(term)) {
                return true;
            }
            BytesRef bytes = new BytesRef(term);
            for (ByteRunAutomaton a : patterns.getOrDefault(field, List.of())) {
                if (a.run(bytes.bytes, bytes.offset, bytes.length)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A marked quote and how good its matches are: matches of words as typed, and all matches. */
    record Quote(String html, int primaryMatches, int matches) {
    }

    /**
     * The marked quote of {@code content} (a text of the given field, in the given language), or null when
     * nothing in it matches.
     */
    Quote snippet(QueryTerms query, IndexFields.Text text, String content, String language, boolean byLines) {
        if (content == null || content.isBlank()) {
            return null;
        }
        if (content.length() > MAX_ANALYZED_CHARS) {
            content = content.substring(0, MAX_ANALYZED_CHARS);
        }
        int[] primary = {0};
        List<int[]> marks = marks(query, text, content, language, primary);
        if (marks.isEmpty()) {
            return null;
        }
        int[] window = byLines ? lineWindow(content, marks) : sentenceWindow(content, marks);
        return new Quote(render(content, marks, window[0], window[1]), primary[0], marks.size());
    }

    /** Matched character ranges, sorted and merged. */
    private List<int[]> marks(QueryTerms query, IndexFields.Text text, String content, String language,
                              int[] primaryMatches) {
        List<int[]> ranges = new ArrayList<>();
        for (Analyses.Form form : text.forms) {
            // A section's stems come from its own language; the other language's analysis would only repeat work.
            if (form == Analyses.Form.GERMAN && "en".equals(language)
                    || form == Analyses.Form.ENGLISH && "de".equals(language)) {
                continue;
            }
            String field = text.field(form);
            if (!query.concerns(field)) {
                continue;
            }
            try (TokenStream ts = analyzers.get(form).tokenStream(field, content)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    if (query.matches(field, term.toString())) {
                        ranges.add(new int[] {offset.startOffset(), offset.endOffset()});
                        if (form == Analyses.Form.EXACT && query.primary.contains(term.toString())) {
                            primaryMatches[0]++;
                        }
                    }
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        return merged;
    }

    /** The sentence with the most distinct matches, with neighbours while the quote stays short. */
    private static int[] sentenceWindow(String content, List<int[]> marks) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(content);
        List<int[]> spans = new ArrayList<>();
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
             start = end, end = sentences.next()) {
            spans.add(new int[] {start, end});
        }
        return best(content, spans, marks);
    }

    private static int[] lineWindow(String content, List<int[]> marks) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length(); i++) {
            if (i == content.length() || content.charAt(i) == '\n') {
                spans.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return best(content, spans, marks);
    }

    private static int[] best(String content, List<int[]> spans, List<int[]> marks) {
        int bestIndex = 0;
        int bestScore = -1;
        for (int i = 0; i < spans.size(); i++) {
            int score = distinctMatches(content, spans.get(i), marks);
            if (score > bestScore) {
                bestScore = score;
                bestIndex = i;
            }
        }
        int start = spans.get(bestIndex)[0];
        int end = spans.get(bestIndex)[1];
        for (int next = bestIndex + 1; next < spans.size() && spans.get(next)[1] - start <= TARGET_CHARS; next++) {
            end = spans.get(next)[1];
        }
        if (end - start > TARGET_CHARS * 3 / 2) {
            // One long sentence or line: keep a stretch around its first match.
            int first = start;
            for (int[] m : marks) {
                if (m[0] >= start && m[0] < end) {
                    first = m[0];
                    break;
                }
            }
            int from = Math.max(start, first - TARGET_CHARS / 3);
            int to = Math.min(end, from + TARGET_CHARS);
            return new int[] {wordStart(content, from, start), wordEnd(content, to, end)};
        }
        return new int[] {start, end};
    }

    private static int distinctMatches(String content, int[] span, List<int[]> marks) {
        Set<String> found = new HashSet<>();
        for (int[] m : marks) {
            if (m[0] >= span[0] && m[1] <= span[1]) {
                found.add(content.substring(m[0], m[1]).toLowerCase(Locale.ROOT));
            }
        }
        return found.size();
    }

    private static int wordStart(String s, int i, int floor) {
        while (i > floor && !Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int wordEnd(String s, int i, int ceiling) {
        while (i < ceiling && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String render(String content, List<int[]> marks, int start, int end) {
        StringBuilder out = new StringBuilder();
        if (start > 0) {
            out.append("… ");
        }
        int pos = start;
        for (int[] m : marks) {
            if (m[1] <= start || m[0] >= end) {
                continue;
            }
            int from = Math.max(m[0], start);
            int to = Math.min(m[1], end);
            out.append(Html.escape(content.substring(pos, from))).append("<mark>")
                    .append(Html.escape(content.substring(from, to))).append("</mark>");
            pos = to;
        }
        out.append(Html.escape(content.substring(pos, end)));
        String quote = out.toString().strip();
        return content.substring(end).isBlank() ? quote : quote + " …";
    }
}
