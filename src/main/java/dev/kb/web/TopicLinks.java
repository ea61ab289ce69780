package dev.kb.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Points a topic's HTML at pages: the topic service links other topics' HTML and the agenda's JSON, for API
 * clients; on a page they lead to the topic pages (the section's anchor kept) and the course page instead.
 */
final class TopicLinks {
    private static final Pattern TOPIC = Pattern.compile("^/api/v1/topics/([0-9a-f]+)\\?format=html(#.*)?$");
    private static final String BROKEN = "kb-broken";
    private static final String UNSERVED = "kb-unserved";
    private static final Pattern AGENDA = Pattern.compile("^/api/v1/courses/[^/?#]+/agenda$");

    private TopicLinks() {
    }

    static String toPages(String html, String course) {
        if (html == null) {
            return "";
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        for (Element a : body.select("a[href]")) {
            String href = a.attr("href");
            Matcher topic = TOPIC.matcher(href);
            if (topic.matches()) {
                a.attr("href", "/topics/" + topic.group(1) + (topic.group(2) == null ? "" : topic.group(2)));
            } else if (AGENDA.matcher(href).matches()) {
                a.attr("href", Links.course(course));
            } else if (a.hasClass(BROKEN) || a.hasClass(UNSERVED)) {
                // A link kb cannot follow would lead to a 404 page: the text stays, marked, with the reason.
                a.removeAttr("href").tagName("span");
            }
        }
        for (Element img : body.select("img")) {
            String src = img.attr("src");
            if (img.hasClass(BROKEN) || img.hasClass(UNSERVED)) {
                img.replaceWith(new Element("span").addClass(BROKEN).attr("title", img.attr("title"))
                        .text(img.attr("alt").isBlank() ? src : img.attr("alt")));
            } else if (!src.startsWith("/")) {
                // The pages show images from the course only (their CSP loads no other): one from elsewhere is a link.
                img.replaceWith(new Element("a").attr("href", src).attr("rel", "noopener noreferrer")
                        .text(img.attr("alt").isBlank() ? src : img.attr("alt")));
            }
        }
        return body.html();
    }
}
