package dev.kb.ingest;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.yaml.front.matter.AbstractYamlFrontMatterVisitor;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterBlock;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.kb.model.ParsedDocument;
import dev.kb.model.ParsedDocument.DocumentLink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

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
        private final List<DocumentLink> links = new ArrayList<>();
        private String title;
        private Document document;
        /** Offsets where each line starts: flexmark's own line lookup scans from the start for every node. */
        private int[] lineStarts;

        Walk(String path) {
            this.path = path;
        }

        ParsedDocument run(Document doc) {
            this.document = doc;
            this.lineStarts = lineStarts(doc.getChars());
            frontMatter(doc);
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
            return new ParsedDocument(finalTitle, List.copyOf(built), List.copyOf(codeBlocks), List.copyOf(links),
                    body.toString(), words, language, Categories.of(path, finalTitle), List.copyOf(passages));
        }

        private void leaf(Node node) {
            if (node instanceof Heading heading) {
                String text = Markdown.text(heading);
                if (title == null && heading.getLevel() == 1) {
                    title = text;
                }
                sections.add(new SectionBuilder(sections.size(), heading.getLevel(), text, anchors.next(text),
                        lineOf(heading)));
                collectLinks(heading);
            } else if (node instanceof FencedCodeBlock fenced) {
                addCode(fenced.getInfo().toString().strip(), fenced.getContentChars().toString());
            } else if (node instanceof IndentedCodeBlock indented) {
                addCode("", indented.getContentChars().toString());
            } else if (node instanceof HtmlBlock html) {
                html(html.getChars().toString(), lineOf(html));
            } else if (node instanceof YamlFrontMatterBlock || node instanceof Reference
                    || node instanceof HtmlCommentBlock || node instanceof ThematicBreak) {
                return;
            } else {
                // Paragraphs, tables and anything an extension adds: their visible text is prose.
                collectLinks(node);
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
            for (Element a : fragment.select("a[href]")) {
                addLink(false, a.text(), a.attr("href"), line);
            }
            for (Element img : fragment.select("img[src]")) {
                addLink(true, img.attr("alt"), img.attr("src"), line);
            }
        }

        private void collectLinks(Node block) {
            Deque<Node> stack = new ArrayDeque<>();
            pushChildrenInOrder(block, stack);
            while (!stack.isEmpty()) {
                Node node = stack.pop();
                int line = lineOf(node);
                if (node instanceof Image image) {
                    addLink(true, image.getText().toString(), image.getUrl().toString(), line);
                } else if (node instanceof Link link) {
                    addLink(false, Markdown.text(link), link.getUrl().toString(), line);
                } else if (node instanceof AutoLink auto) {
                    addLink(false, auto.getText().toString(), auto.getText().toString(), line);
                } else if (node instanceof LinkRef ref && ref.isDefined()) {
                    Reference target = ref.getReferenceNode(document);
                    if (target != null) {
                        addLink(false, Markdown.text(ref), target.getUrl().toString(), line);
                    }
                } else if (node instanceof ImageRef ref && ref.isDefined()) {
                    Reference target = ref.getReferenceNode(document);
                    if (target != null) {
                        addLink(true, Markdown.text(ref), target.getUrl().toString(), line);
                    }
                } else if (node instanceof HtmlInline inline) {
                    inlineHtmlLink(inline.getChars().toString(), line);
                }
                pushChildrenInOrder(node, stack);
            }
        }

        private void inlineHtmlLink(String tag, int line) {
            Element element = Jsoup.parseBodyFragment(tag).body().children().first();
            if (element == null) {
                return;
            }
            if (element.tagName().equals("img") && element.hasAttr("src")) {
                addLink(true, element.attr("alt"), element.attr("src"), line);
            } else if (element.tagName().equals("a") && element.hasAttr("href")) {
                addLink(false, "", element.attr("href"), line);
            }
        }

        private void addLink(boolean image, String text, String href, int line) {
            SectionBuilder section = current();
            boolean declared = !image && section.heading != null && DeclaredPrerequisites.isDeclaringHeading(section.heading);
            links.add(new DocumentLink(links.size(), section.ord, image, text.strip(), href, line,
                    LinkResolver.resolve(href, path), declared));
        }

        /** Front matter keys such as {@code prerequisites:} list paths the trainer declares as prerequisites. */
        private void frontMatter(Document doc) {
            AbstractYamlFrontMatterVisitor visitor = new AbstractYamlFrontMatterVisitor();
            visitor.visit(doc);
            visitor.getData().forEach((key, values) -> {
                if (DeclaredPrerequisites.FRONT_MATTER_KEYS.contains(key.toLowerCase(java.util.Locale.ROOT))) {
                    for (String target : DeclaredPrerequisites.targets(values)) {
                        links.add(new DocumentLink(links.size(), 0, false, key, target, 1,
                                LinkResolver.resolve(target, path), true));
                    }
                }
            });
        }

        /** The 1-based line a node starts on. */
        private int lineOf(Node node) {
            int at = Arrays.binarySearch(lineStarts, node.getStartOffset());
            return at >= 0 ? at + 1 : -at - 1;
        }

        private static int[] lineStarts(CharSequence text) {
            int[] starts = new int[16];
            int n = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // A line ends at \n, \r\n or a lone \r, as flexmark counts them.
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            return Arrays.copyOf(starts, n);
        }

        private SectionBuilder current() {
            if (sections.isEmpty()) {
                sections.add(new SectionBuilder(0, 0, null, null, 1));
            }
            return sections.get(sections.size() - 1);
        }

        private static void pushChildrenInOrder(Node parent, Deque<Node> stack) {
            Node child = parent.getLastChild();
            while (child != null) {
                stack.push(child);
                child = child.getPrevious();
            }
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

    private static final class SectionBuilder {
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
                    countWords(body) + (heading == null ? 0 : countWords(heading)),
                    own.equals(LanguageDetector.UNKNOWN) ? documentLanguage : own, line);
        }
    }
}
