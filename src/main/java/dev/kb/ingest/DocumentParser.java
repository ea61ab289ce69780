package dev.kb.ingest;

import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterBlock;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.kb.model.ParsedDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Turns one markdown file into a {@link ParsedDocument} by walking the flexmark AST: headings split the
 * text into sections, code blocks are kept apart from prose, and links and images are collected with
 * their section. The walk is iterative so deeply nested lists and quotes cannot exhaust the stack.
 */
public final class DocumentParser {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}_'’.-]*");

    private DocumentParser() {
    }

    public static ParsedDocument parse(String path, String markdown) {
        return new Walk(path).run(Markdown.parse(markdown));
    }

    /** The fallback for text flexmark cannot parse: one section of plain text, no links. */
    public static ParsedDocument plainText(String path, String text) {
        String body = text.strip();
        int words = countWords(body);
        String language = LanguageDetector.detect(body);
        List<PassageCutter.Block> paragraphs = new ArrayList<>();
        for (String paragraph : body.split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                paragraphs.add(new PassageCutter.Block(paragraph.strip(), false));
            }
        }
        return new ParsedDocument(fileStem(path),
                List.of(new ParsedDocument.Section(0, 0, null, null, body, "", words, language, 1)),
                List.of(), List.of(), body, words, language, Categories.of(path, fileStem(path)),
                passages(List.of(new PassageCutter.Section(0, 0, null, paragraphs))));
    }

    static int countWords(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static final class Walk {
        private final String path;
        private final Anchors anchors = new Anchors();
        private final List<SectionBuilder> sections = new ArrayList<>();
        private final List<ParsedDocument.CodeBlock> codeBlocks = new ArrayList<>();
        private DocumentLinks links;
        private String title;
        private Document document;
        private LineIndex lines;

        Walk(String path) {
            this.path = path;
        }

        ParsedDocument run(Document doc) {
            this.document = doc;
            this.lines = new LineIndex(doc.getChars());
            this.links = new DocumentLinks(path, doc, lines);
            links.frontMatter();
            Deque<Node> stack = new ArrayDeque<>();
            stack.push(doc);
            while (!stack.isEmpty()) {
                Node node = stack.pop();
                if (node instanceof Document || node instanceof BlockQuote || node instanceof ListBlock
                        || node instanceof ListItem) {
                    pushChildrenInOrder(node, stack);
                } else {
                    leaf(node);
                }
            }
            StringBuilder body = new StringBuilder();
            StringBuilder headings = new StringBuilder();
            for (SectionBuilder s : sections) {
                if (s.text.length() > 0) {
                    body.append(body.length() > 0 ? "\n\n" : "").append(s.text);
                }
                headings.append(s.heading == null ? "" : s.heading + "\n");
            }
            String language = LanguageDetector.detect(headings + "\n" + body);
            List<ParsedDocument.Section> built = new ArrayList<>();
            int words = 0;
            for (SectionBuilder s : sections) {
                ParsedDocument.Section section = s.build(language);
                built.add(section);
                words += section.wordCount();
            }
            List<PassageCutter.Section> cuttable = new ArrayList<>();
            for (SectionBuilder s : sections) {
                cuttable.add(new PassageCutter.Section(s.ord, s.level, s.heading, s.blocks));
            }
            List<ParsedDocument.Passage> passages = passages(cuttable);
            String finalTitle = title != null && !title.isBlank() ? title : fileStem(path);
            return new ParsedDocument(finalTitle, List.copyOf(built), List.copyOf(codeBlocks), links.all(),
                    body.toString(), words, language, Categories.of(path, finalTitle), List.copyOf(passages));
        }

        private void leaf(Node node) {
            if (node instanceof Heading heading) {
                String text = Markdown.text(heading);
                if (title == null && heading.getLevel() == 1) {
                    title = text;
                }
                sections.add(new SectionBuilder(sections.size(), heading.getLevel(), text, anchors.next(text),
                        lines.lineOf(heading)));
                links.collect(heading, current());
            } else if (node instanceof FencedCodeBlock fenced) {
                addCode(fenced.getInfo().toString().strip(), fenced.getContentChars().toString());
            } else if (node instanceof IndentedCodeBlock indented) {
                addCode("", indented.getContentChars().toString());
            } else if (node instanceof HtmlBlock html) {
                html(html.getChars().toString(), lines.lineOf(html));
            } else if (node instanceof YamlFrontMatterBlock || node instanceof Reference
                    || node instanceof HtmlCommentBlock || node instanceof ThematicBreak) {
                return;
            } else {
                // Paragraphs, tables and anything an extension adds: their visible text is prose.
                links.collect(node, current());
                withoutImages(node);
                current().addText(BlockText.plain(node));
                current().addBlock(listMarker(node) + BlockText.markdown(node, document), false);
            }
        }

        /**
         * Detaches the block's images: a picture's caption is not prose, and a page of pictures must count as
         * empty. Runs after the links (images included) were collected.
         */
        private static void withoutImages(Node block) {
            List<Node> images = new ArrayList<>();
            Deque<Node> stack = new ArrayDeque<>();
            stack.push(block);
            while (!stack.isEmpty()) {
                Node node = stack.pop();
                if (node instanceof Image || node instanceof ImageRef) {
                    images.add(node);
                } else {
                    pushChildrenInOrder(node, stack);
                }
            }
            images.forEach(Node::unlink);
        }

        /** "- " (indented by nesting) before the first paragraph of a list item, so a passage reads as a list. */
        private static String listMarker(Node block) {
            if (!(block.getParent() instanceof ListItem item) || item.getFirstChild() != block) {
                return "";
            }
            int depth = 0;
            for (Node n = item.getParent(); n != null; n = n.getParent()) {
                depth += n instanceof ListItem ? 1 : 0;
            }
            return "  ".repeat(depth) + item.getOpeningMarker().toString().strip() + " ";
        }

        private void addCode(String info, String code) {
            SectionBuilder section = current();
            section.addCode(code);
            String fence = code.contains("```") ? "~~~~" : "```";
            section.addBlock(fence + info + "\n" + code + (code.endsWith("\n") ? "" : "\n") + fence, true);
            codeBlocks.add(new ParsedDocument.CodeBlock(codeBlocks.size(), section.ord, info, code));
        }

        /** Raw HTML is never rendered from here; only its text and the links it carries are kept. */
        private void html(String html, int line) {
            org.jsoup.nodes.Document fragment = Jsoup.parseBodyFragment(html);
            fragment.select("script, style").remove();
            current().addText(fragment.body().text());
            current().addBlock(fragment.body().text(), false);
            links.collect(fragment, current(), line);
        }

        private SectionBuilder current() {
            if (sections.isEmpty()) {
                sections.add(new SectionBuilder(0, 0, null, null, 1));
            }
            return sections.get(sections.size() - 1);
        }
    }

    /** Pushes the node's children so that they pop in document order (the walks are iterative, see above). */
    static void pushChildrenInOrder(Node parent, Deque<Node> stack) {
        Node child = parent.getLastChild();
        while (child != null) {
            stack.push(child);
            child = child.getPrevious();
        }
    }

    /** The document's passages, in order. */
    private static List<ParsedDocument.Passage> passages(List<PassageCutter.Section> sections) {
        List<ParsedDocument.Passage> result = new ArrayList<>();
        for (PassageCutter.Cut cut : PassageCutter.cut(sections)) {
            StringBuilder text = new StringBuilder();
            StringBuilder prose = new StringBuilder();
            StringBuilder code = new StringBuilder();
            int words = 0;
            for (PassageCutter.Block b : cut.blocks()) {
                text.append(text.length() > 0 ? "\n\n" : "").append(b.text());
                // The index reads a link's text, not its target.
                (b.code() ? code : prose).append(b.code() ? "\n" : "\n\n")
                        .append(b.code() ? b.text() : BlockText.withoutLinkTargets(b.text()));
                words += b.words();
            }
            result.add(new ParsedDocument.Passage(result.size(), cut.sectionOrd(), text.toString(),
                    prose.toString().strip(), code.toString().strip(), words));
        }
        return result;
    }

    static String fileStem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
