package dev.kb.ingest;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.yaml.front.matter.AbstractYamlFrontMatterVisitor;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.kb.model.ParsedDocument.DocumentLink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The links and images of one markdown file, in the order they appear, each with its section, line and resolved
 * target: markdown links (inline, by reference, automatic), those in raw HTML, and the prerequisites its front
 * matter declares. {@link DocumentParser}'s walk decides which section a block belongs to; this class reads the
 * links out of the block.
 */
final class DocumentLinks {
    private final String path;
    private final Document document;
    private final LineIndex lines;
    private final List<DocumentLink> links = new ArrayList<>();

    DocumentLinks(String path, Document document, LineIndex lines) {
        this.path = path;
        this.document = document;
        this.lines = lines;
    }

    List<DocumentLink> all() {
        return List.copyOf(links);
    }

    /** The links and images inside a markdown block of {@code section}. */
    void collect(Node block, SectionBuilder section) {
        Deque<Node> stack = new ArrayDeque<>();
        DocumentParser.pushChildrenInOrder(block, stack);
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            int line = lines.lineOf(node);
            if (node instanceof Image image) {
                add(section, true, image.getText().toString(), image.getUrl().toString(), line);
            } else if (node instanceof Link link) {
                add(section, false, Markdown.text(link), link.getUrl().toString(), line);
            } else if (node instanceof AutoLink auto) {
                add(section, false, auto.getText().toString(), auto.getText().toString(), line);
            } else if (node instanceof LinkRef ref && ref.isDefined()) {
                Reference target = ref.getReferenceNode(document);
                if (target != null) {
                    add(section, false, Markdown.text(ref), target.getUrl().toString(), line);
                }
            } else if (node instanceof ImageRef ref && ref.isDefined()) {
                Reference target = ref.getReferenceNode(document);
                if (target != null) {
                    add(section, true, Markdown.text(ref), target.getUrl().toString(), line);
                }
            } else if (node instanceof HtmlInline inline) {
                inlineHtml(section, inline.getChars().toString(), line);
            }
            DocumentParser.pushChildrenInOrder(node, stack);
        }
    }

    /** The links and images of a block of raw HTML in {@code section}, starting on {@code line}. */
    void collect(org.jsoup.nodes.Document fragment, SectionBuilder section, int line) {
        for (Element a : fragment.select("a[href]")) {
            add(section, false, a.text(), a.attr("href"), line);
        }
        for (Element img : fragment.select("img[src]")) {
            add(section, true, img.attr("alt"), img.attr("src"), line);
        }
    }

    private void inlineHtml(SectionBuilder section, String tag, int line) {
        Element element = Jsoup.parseBodyFragment(tag).body().children().first();
        if (element == null) {
            return;
        }
        if (element.tagName().equals("img") && element.hasAttr("src")) {
            add(section, true, element.attr("alt"), element.attr("src"), line);
        } else if (element.tagName().equals("a") && element.hasAttr("href")) {
            add(section, false, "", element.attr("href"), line);
        }
    }

    private void add(SectionBuilder section, boolean image, String text, String href, int line) {
        boolean declared = !image && section.heading != null && DeclaredPrerequisites.isDeclaringHeading(section.heading);
        links.add(new DocumentLink(links.size(), section.ord, image, text.strip(), href, line,
                LinkResolver.resolve(href, path), declared));
    }

    /** Front matter keys such as {@code prerequisites:} list paths the trainer declares as prerequisites. */
    void frontMatter() {
        AbstractYamlFrontMatterVisitor visitor = new AbstractYamlFrontMatterVisitor();
        visitor.visit(document);
        visitor.getData().forEach((key, values) -> {
            if (DeclaredPrerequisites.FRONT_MATTER_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                for (String target : DeclaredPrerequisites.targets(values)) {
                    links.add(new DocumentLink(links.size(), 0, false, key, target, 1,
                            LinkResolver.resolve(target, path), true));
                }
            }
        });
    }
}
