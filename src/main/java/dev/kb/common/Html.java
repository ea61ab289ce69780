package dev.kb.common;

/** Escaping for text placed into HTML (snippets, rendered pages), and the page a rendered document stands in. */
public final class Html {
    /** A standalone page around sanitised HTML: the title is escaped here, the body must be safe already. */
    private static final String DOCUMENT = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>%s</title></head><body>
            %s
            </body></html>
            """;

    private Html() {
    }

    /** A whole HTML page titled {@code title} whose body is {@code safeBody} (already sanitised HTML). */
    public static String document(String title, String safeBody) {
        return DOCUMENT.formatted(escape(title), safeBody);
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
