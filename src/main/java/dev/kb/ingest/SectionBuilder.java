package dev.kb.ingest;

import dev.kb.model.ParsedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * One section of a document while {@link DocumentParser} walks it: its heading, its prose and code as searched,
 * and its blocks as passages are cut from them. Becomes a {@link ParsedDocument.Section} once the document's
 * language is known, which a section without a language of its own takes.
 */
final class SectionBuilder {
    final int ord;
    final int level;
    final String heading;
    final String anchor;
    final int line;
    final StringBuilder text = new StringBuilder();
    final StringBuilder code = new StringBuilder();
    final List<PassageCutter.Block> blocks = new ArrayList<>();

    SectionBuilder(int ord, int level, String heading, String anchor, int line) {
        this.ord = ord;
        this.level = level;
        this.heading = heading;
        this.anchor = anchor;
        this.line = line;
    }

    void addBlock(String t, boolean isCode) {
        if (!t.isBlank()) {
            // Prose keeps its leading spaces: they indent a nested list item.
            blocks.add(new PassageCutter.Block(isCode ? t : t.stripTrailing(), isCode));
        }
    }

    void addText(String t) {
        if (t.isBlank()) {
            return;
        }
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(t.strip());
    }

    void addCode(String c) {
        if (code.length() > 0) {
            code.append('\n');
        }
        code.append(c);
    }

    ParsedDocument.Section build(String documentLanguage) {
        String body = text.toString();
        String own = LanguageDetector.detect((heading == null ? "" : heading + "\n") + body);
        return new ParsedDocument.Section(ord, level, heading, anchor, body, code.toString(),
                DocumentParser.countWords(body) + (heading == null ? 0 : DocumentParser.countWords(heading)),
                own.equals(LanguageDetector.UNKNOWN) ? documentLanguage : own, line);
    }
}
