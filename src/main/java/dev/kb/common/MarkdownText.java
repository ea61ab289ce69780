package dev.kb.common;

/**
 * Course text placed into markdown kb writes (the coverage report): shown as written, never read as markup. A
 * file name like {@code tick`<img src=x onerror=…>`.md} must stay one code span, a heading with {@code [x](y)} or
 * {@code <script>} must stay text, a title with {@code |} must stay in its table cell. Control characters are
 * made visible first ({@link PlainText#visible}), so nothing breaks a line either.
 */
public final class MarkdownText {
    /**
     * The characters that start inline markup in CommonMark and GitHub's extensions: escapes, code, emphasis,
     * links and images, HTML and autolinks, entities, table cells, strikethrough, math.
     */
    private static final String INLINE_SPECIALS = "\\`*_[]<>&|~$!";

    private MarkdownText() {
    }

    /**
     * Text within a line, after other markdown on it (a list item's text, a table cell): every inline special
     * backslash-escaped, which CommonMark allows for any ASCII punctuation. Characters that mark blocks only at
     * the start of a line ({@code #}, {@code -}, {@code 1.}) are left alone: do not start a line with this.
     */
    public static String text(String s) {
        String visible = PlainText.visible(s);
        StringBuilder out = new StringBuilder(visible.length() + 8);
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            if (INLINE_SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A code span showing {@code s} exactly (CommonMark 0.30, 6.1): fenced by one backtick more than the longest
     * run of backticks inside, and padded with a space on each side when it starts or ends with a backtick or with
     * spaces on both ends (one space of each side is stripped when reading). Not for table cells: a {@code |}
     * inside would still end the cell.
     */
    public static String code(String s) {
        String visible = PlainText.visible(s);
        if (visible.isEmpty()) {
            return "\"\"";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < visible.length(); i++) {
            run = visible.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = visible.startsWith("`") || visible.endsWith("`")
                || visible.startsWith(" ") && visible.endsWith(" ") && !visible.chars().allMatch(c -> c == ' ');
        return pad ? fence + " " + visible + " " + fence : fence + visible + fence;
    }
}
