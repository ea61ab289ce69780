package dev.kb.model;

import java.util.List;

/** What a markdown file says, as kb stores it: every part ordered as in the file. */
public record ParsedDocument(
        String title,
        List<Section> sections,
        List<CodeBlock> codeBlocks,
        List<DocumentLink> links,
        String bodyText,
        int wordCount,
        String language,
        String category,
        List<Passage> passages) {

    /** The same document keeping only these links (a hostile document's links are capped). */
    public ParsedDocument withLinks(List<DocumentLink> kept) {
        return new ParsedDocument(title, sections, codeBlocks, List.copyOf(kept), bodyText, wordCount, language,
                category, passages);
    }

    /**
     * A heading and its text up to the next heading; level 0 is text before the first heading. {@code language}
     * is the section's own when its text tells, else the document's; {@code line} is where the section starts
     * in the file (its heading's line, 1 for the text before the first heading).
     */
    public record Section(int ord, int level, String heading, String anchor, String bodyText, String codeText,
                          int wordCount, String language, int line) {
    }

    /**
     * A chunk of a section for retrieval (see {@code PassageCutter}): {@code text} as shown, prose as plain text
     * and code blocks fenced; {@code bodyText} and {@code codeText} its prose and its code, for indexing.
     */
    public record Passage(int ord, int sectionOrd, String text, String bodyText, String codeText, int wordCount) {
    }

    public record CodeBlock(int ord, int sectionOrd, String info, String code) {
    }

    /**
     * A link or image as written ({@code href}), with what the link alone says about its target. {@code declared}
     * marks a prerequisite the trainer named (front matter, or a link in a Prerequisites section).
     */
    public record DocumentLink(int ord, int sectionOrd, boolean image, String text, String href, int line,
                               LinkTarget target, boolean declared) {
    }

    public long imageCount() {
        return links.stream().filter(DocumentLink::image).count();
    }
}
