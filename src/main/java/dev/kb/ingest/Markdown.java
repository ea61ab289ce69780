package dev.kb.ingest;

import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;

/** The one flexmark configuration kb uses: GitHub-flavoured enough for course repositories. Thread-safe. */
public final class Markdown {
    private static final MutableDataSet OPTIONS = new MutableDataSet()
            .set(Parser.EXTENSIONS, List.of(
                    TablesExtension.create(),
                    StrikethroughExtension.create(),
                    AutolinkExtension.create(),
                    YamlFrontMatterExtension.create()))
            // GitHub renders soft line breaks as spaces; so does the text we index.
            .set(HtmlRenderer.SOFT_BREAK, " ")
            // CommonMark's [text](<file name.md>) for file names with spaces: flexmark parses it only with this
            // (which also accepts a bare space, a link GitHub would show as text: meant as a link all the same).
            .set(Parser.SPACE_IN_LINK_URLS, true);

    private static final Parser PARSER = Parser.builder(OPTIONS).build();

    private Markdown() {
    }

    public static Document parse(String markdown) {
        return PARSER.parse(markdown);
    }

    /** The options the parser was built with, for renderers that must agree with it. */
    public static MutableDataSet options() {
        return new MutableDataSet(OPTIONS);
    }

    /** The visible text of a node, markup removed ({@code `kubectl` *get*} becomes {@code kubectl get}). */
    public static String text(Node node) {
        return new TextCollectingVisitor().collectAndGetText(node).strip();
    }
}
