package dev.kb.common;

/**
 * Course text shown as plain text (the terminal, and the base of every other format kb writes): control characters
 * are made visible instead of acted on. A file name or heading may hold an escape sequence that would recolour,
 * clear or retitle a terminal, or a line break that forges the next line of a report.
 */
public final class PlainText {
    private static final char CONTROL_PICTURES = '\u2400';

    private PlainText() {
    }

    /**
     * C0 controls (line breaks and tabs too) and DEL as their Unicode control pictures (␛, ␊, ␉, ␡), C1 controls
     * as U+FFFD, the line and paragraph separators (U+2028, U+2029; some readers, flexmark among them, break lines
     * there) as ␤; everything else as it is.
     */
    public static String visible(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char shown = c < 0x20 ? (char) (CONTROL_PICTURES + c) : c == 0x7F ? '\u2421'
                    : c >= 0x80 && c <= 0x9F ? '\uFFFD' : c == '\u2028' || c == '\u2029' ? '\u2424' : c;
            if (shown != c && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(shown);
            }
        }
        return out == null ? s : out.toString();
    }
}
