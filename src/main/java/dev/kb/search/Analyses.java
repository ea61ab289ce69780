package dev.kb.search;

import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;

/**
 * How course text becomes terms. Every text field is indexed three ways, so one query can meet German, English
 * and code on their own terms:
 * <ul>
 *   <li>{@code .x} (exact): words as written, lower-cased and accent-folded;</li>
 *   <li>{@code .en}: English stems ("policies" and "policy" meet);</li>
 *   <li>{@code .de}: German normalisation and stems ("Übung", "Uebung" and "Übungen" meet).</li>
 * </ul>
 * All three start with a code-aware tokenizer: {@code cap_net_raw}, {@code --set}, {@code can-i},
 * {@code chaos.sh} and {@code pod.spec.automountServiceAccountToken} stay whole, and are also split into their
 * parts (camelCase, snake_case, dots, dashes), so {@code net_raw}, {@code run as non root} and
 * {@code runasnonroot} all find them.
 */
public final class Analyses {
    public static final String EXACT = ".x";
    public static final String ENGLISH = ".en";
    public static final String GERMAN = ".de";


    private static final int INDEX_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL
            | WordDelimiterGraphFilter.CATENATE_WORDS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;
    private static final int PARTS_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

    private Analyses() {
    }

    enum Form {
        EXACT, ENGLISH, GERMAN;

        TokenStream finish(TokenStream lowerCased) {
            return switch (this) {
                case EXACT -> new ASCIIFoldingFilter(lowerCased);
                case ENGLISH -> new PorterStemFilter(new ASCIIFoldingFilter(lowerCased));
                case GERMAN -> new GermanLightStemFilter(new GermanNormalizationFilter(lowerCased));
            };
        }

        String suffix() {
            return switch (this) {
                case EXACT -> Analyses.EXACT;
                case ENGLISH -> Analyses.ENGLISH;
                case GERMAN -> Analyses.GERMAN;
            };
        }
    }

    static Tokenizer tokenizer() {
        return new CodeTokenizer();
    }

    /** Index-time analysis: whole tokens, their parts and their concatenation, flattened for the index. */
    static Analyzer index(Form form) {
        return chain(source -> form.finish(new LowerCaseFilter(
                new FlattenGraphFilter(new WordDelimiterGraphFilter(source, INDEX_FLAGS, null)))));
    }

    /**
     * The index analysis without flattening, for finding where terms occur in a text: offsets are all that
     * highlighting needs, and flattening the token graph is most of the cost.
     */
    static Analyzer offsets(Form form) {
        return chain(source -> form.finish(new LowerCaseFilter(new WordDelimiterGraphFilter(source, INDEX_FLAGS, null))));
    }

    /** Query-time analysis of a word as a whole ("can-i" stays one term): no splitting, the form's normalisation. */
    static Analyzer whole(Form form) {
        return chain(source -> form.finish(new LowerCaseFilter(source)));
    }

    /**
     * Query-time analysis into the parts the index also knows ("runAsNonRoot" → run, as, non, root), in the
     * form's normalisation: one linear token stream, so a part sequence is an ordinary phrase.
     */
    static Analyzer parts(Form form) {
        return chain(source -> form.finish(new LowerCaseFilter(new WordDelimiterGraphFilter(source, PARTS_FLAGS, null))));
    }

    /** Every prefix of every word, for completions as you type. */
    static Analyzer prefixes() {
        return chain(source -> new EdgeNGramTokenFilter(new ASCIIFoldingFilter(new LowerCaseFilter(source)), 1, 40, true));
    }

    /** An analyzer of the code tokenizer followed by the given filters. */
    static Analyzer chain(Function<Tokenizer, TokenStream> filters) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = tokenizer();
                return new TokenStreamComponents(source, filters.apply(source));
            }
        };
    }

    /** The analyzer the index writer uses, chosen by field suffix (StringFields are not analyzed at all). */
    static Analyzer forIndexing() {
        Analyzer exact = index(Form.EXACT);
        Analyzer english = index(Form.ENGLISH);
        Analyzer german = index(Form.GERMAN);
        Analyzer prefixes = prefixes();
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                if (fieldName.equals(IndexFields.SUGGEST_PREFIXES)) {
                    return prefixes;
                }
                if (fieldName.endsWith(ENGLISH)) {
                    return english;
                }
                if (fieldName.endsWith(GERMAN)) {
                    return german;
                }
                return exact;
            }
        };
    }

    /**
     * Shared query-time analyzers: an analyzer keeps its token stream per thread and reuses it, so one instance
     * serves every search, where a new one per call builds its tokenizer and filters again (declared last: the
     * flags above must be set first).
     */
    static final Analyzer WHOLE_EXACT = whole(Form.EXACT);
    static final Analyzer PARTS_EXACT = parts(Form.EXACT);
}
