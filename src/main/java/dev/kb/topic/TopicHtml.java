package dev.kb.topic;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import dev.kb.ingest.Anchors;
import dev.kb.ingest.Markdown;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Renders a topic's markdown to HTML that is safe to embed: headings carry the same anchors the API reports,
 * and the result passes an allow-list sanitiser, so raw HTML in a course (scripts, event handlers,
 * {@code javascript:} links, iframes) never reaches a reader's browser; links lead to kb's own routes.
 */
final class TopicHtml {
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder(Markdown.options())
            .attributeProviderFactory(new IndependentAttributeProviderFactory() {
                @Override
                public AttributeProvider apply(LinkResolverContext context) {
                    // One provider per rendering, so duplicate headings are numbered per document.
                    Anchors anchors = new Anchors();
                    return (node, part, attributes) -> {
                        if (node instanceof Heading heading && part == AttributablePart.NODE) {
                            attributes.replaceValue("id", anchors.next(Markdown.text(heading)));
                        }
                    };
                }
            })
            .build();

    private static final Safelist SAFE = Safelist.relaxed()
            .addAttributes("h1", "id").addAttributes("h2", "id").addAttributes("h3", "id")
            .addAttributes("h4", "id").addAttributes("h5", "id").addAttributes("h6", "id")
            .addAttributes("code", "class")
            .preserveRelativeLinks(true);

    private TopicHtml() {
    }

    /**
     * Markdown beyond this is not rendered: rendering and sanitising cost about 4 s per MiB of dense links, paid
     * on every request, and no reader scrolls through more. The markdown itself is always served whole.
     */
    static final int MAX_RENDERED_CHARS = 256 * 1024;

    static String render(String markdown, HtmlLinks links) {
        boolean cut = markdown.length() > MAX_RENDERED_CHARS;
        String shown = markdown;
        if (cut) {
            int paragraph = markdown.lastIndexOf("\n\n", MAX_RENDERED_CHARS);
            shown = markdown.substring(0, paragraph > 0 ? paragraph : MAX_RENDERED_CHARS);
        }
        String html = RENDERER.render(Markdown.parse(shown));
        // The base URI only lets relative links survive cleaning; it never appears in the output. Links are pointed
        // at kb's routes after cleaning, so only what the allow-list kept is rewritten.
        Element body = new Cleaner(SAFE).clean(Jsoup.parseBodyFragment(html, "https://course.invalid/")).body();
        links.rewrite(body);
        String safe = body.html();
        return cut ? safe + "\n<p><em>The rest of this document is too long to show here; the markdown has all of it."
                + "</em></p>" : safe;
    }
}
