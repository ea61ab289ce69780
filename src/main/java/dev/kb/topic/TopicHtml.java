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
import org.jsoup.safety.Safelist;

/**
 * Renders a topic's markdown to HTML that is safe to embed: headings carry the same anchors the API reports,
 * and the result passes an allow-list sanitiser, so raw HTML in a course (scripts, event handlers,
 * {@code javascript:} links, iframes) never reaches a reader's browser.
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

    static String render(String markdown) {
        String html = RENDERER.render(Markdown.parse(markdown));
        // The base URI only lets relative links survive cleaning; it never appears in the output.
        return Jsoup.clean(html, "https://course.invalid/", SAFE);
    }
}
