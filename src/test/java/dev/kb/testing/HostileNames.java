package dev.kb.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Names a hostile course could give a file, heading or link: pieces of markdown, HTML, DOT and Mermaid syntax,
 * backtick runs, escapes, entities, control characters (a terminal's escape sequences, line breaks) and ordinary
 * text, strung together; and any printable ASCII. What a name-escaping function must survive.
 */
public final class HostileNames {
    private static final String[] PIECES = {
        "`", "``", "```", "\\", "\\`", "<img src=x onerror=alert(40)>", "<script>", "</code>", "<!--", "-->", "<",
        ">", "[", "]", "](", "](javascript:alert(1))", "![x](y)", "(", ")", "*", "**", "_", "__", "~~", "|", "||", "$",
        "$$", "&", "&lt;", "&#60;", "&amp;", "#", "# ", "#35;", "#quot;", "\"", "'", "!", ":", "www.evil.example",
        "http://evil.example/", "a@b.example", "{", "}", "-", "+", ".", "1.", "=", "\n", "\r\n", "\r", "\t", " ",
        "  ", "\u001b[2J", "\u001b]0;owned\u0007", "\u0085", "\u007f", "\u00a0", "\u2028", "\u2029", "\u202e", "\\N", "\\n",
        "tick", "a", "Z", "09", "ä", "Ü", "€", "\uD83D\uDE00", "漢字", ".md", "/", "../"};

    private HostileNames() {
    }

    /** Non-empty strings of pieces, or of printable ASCII. */
    public static Arbitrary<String> any() {
        return Arbitraries.oneOf(
                Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts)),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(30));
    }
}
