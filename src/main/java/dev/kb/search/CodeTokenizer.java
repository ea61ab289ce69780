package dev.kb.search;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits text into words the way code and prose both need: a token is letters, digits and underscores, joined
 * by {@code . - / : @} (so {@code cap_net_raw}, {@code chaos.sh}, {@code kube-bench} and {@code pod.spec.x}
 * stay whole), optionally led by one or two dashes ({@code --set}, {@code -n}). Splitting the tokens into their
 * parts is left to the word delimiter filter after it. Hand-written rather than a regular expression: every
 * document and every highlighted section passes through here.
 */
final class CodeTokenizer extends Tokenizer {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final StringBuilder text = new StringBuilder();
    private int pos;

    @Override
    public boolean incrementToken() {
        clearAttributes();
        int n = text.length();
        while (pos < n) {
            int start = tokenStart(pos);
            if (start < 0) {
                pos += Character.charCount(text.codePointAt(pos));
                continue;
            }
            int end = wordEnd(start + dashes(start));
            while (end + 1 < n && isJoiner(text.charAt(end)) && isWord(text.codePointAt(end + 1))) {
                end = wordEnd(end + 1);
            }
            term.setEmpty().append(text, start, end);
            offset.setOffset(correctOffset(start), correctOffset(end));
            pos = end;
            return true;
        }
        return false;
    }

    /** {@code i} itself when a token starts there, else -1. */
    private int tokenStart(int i) {
        if (isWord(text.codePointAt(i))) {
            return i;
        }
        int d = dashes(i);
        boolean atWordBoundary = i == 0 || !isWord(text.codePointBefore(i)) && text.charAt(i - 1) != '-';
        return d > 0 && atWordBoundary && i + d < text.length() && isWord(text.codePointAt(i + d)) ? i : -1;
    }

    /** One or two leading dashes at {@code i}, or none. */
    private int dashes(int i) {
        int d = 0;
        while (d < 2 && i + d < text.length() && text.charAt(i + d) == '-') {
            d++;
        }
        return d;
    }

    private int wordEnd(int i) {
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (!isWord(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    private static boolean isWord(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean isJoiner(char c) {
        return c == '.' || c == '-' || c == '/' || c == ':' || c == '@';
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        text.setLength(0);
        char[] buffer = new char[8192];
        for (int read = input.read(buffer); read > 0; read = input.read(buffer)) {
            text.append(buffer, 0, read);
        }
        pos = 0;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(text.length());
        offset.setOffset(last, last);
    }
}
