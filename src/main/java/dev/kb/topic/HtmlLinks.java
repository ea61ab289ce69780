package dev.kb.topic;

import dev.kb.course.CourseImages;
import dev.kb.ingest.AgendaParser;
import dev.kb.ingest.LinkResolver;
import dev.kb.model.CourseFiles;
import dev.kb.model.LinkTarget;
import dev.kb.model.TopicIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jsoup.nodes.Element;

/**
 * Points the links of a topic's HTML where kb serves their targets: as written ({@code /security/x.md}) they would
 * name files of the course repository, which the server does not have. A link to a course document becomes the
 * HTML of that topic (its {@code #anchor} kept), an image the course's image route; both relative to the server
 * root, so they hold behind any host name. External links stay as they are. A local link kb cannot follow keeps
 * what was written and is marked: {@code kb-broken} (with the reason as its title) when the target does not exist
 * or leaves the course, {@code kb-unserved} when it is a file kb does not serve (only documents and images).
 */
final class HtmlLinks {
    static final String BROKEN = "kb-broken";
    static final String UNSERVED = "kb-unserved";

    private final String courseId;
    private final String documentPath;
    private final CourseFiles files;
    /** A section is shown alone, so a link to another part of its own document needs the document's address. */
    private final boolean section;

    HtmlLinks(String courseId, String documentPath, CourseFiles files, boolean section) {
        this.courseId = courseId;
        this.documentPath = documentPath;
        this.files = files;
        this.section = section;
    }

    /** Rewrites the links and images of sanitised HTML in place. */
    void rewrite(Element body) {
        for (Element a : body.select("a[href]")) {
            rewriteLink(a);
        }
        for (Element img : body.select("img[src]")) {
            rewriteImage(img);
        }
    }

    private void rewriteLink(Element a) {
        LinkTarget t = LinkResolver.resolve(a.attr("href"), documentPath);
        if (t.kind() == LinkTarget.Kind.ANCHOR) {
            if (section) {
                a.attr("href", topicUrl(documentPath, t.fragment()));
            }
            return;
        }
        if (t.kind() != LinkTarget.Kind.LOCAL) {
            return;
        }
        String existing = files.existing(t.targetPath()).orElse(null);
        if (existing == null || t.problem() != null) {
            markBroken(a, t.brokenReason(existing != null));
        } else if (existing.equals(AgendaParser.AGENDA_PATH)) {
            a.attr("href", "/api/v1/courses/" + encode(courseId) + "/agenda");
        } else if (files.isDocument(existing)) {
            a.attr("href", topicUrl(existing, t.fragment()));
        } else if (CourseImages.isImage(existing)) {
            a.attr("href", imageUrl(courseId, existing));
        } else {
            a.addClass(UNSERVED).attr("title", "kb serves the course's documents and images, not this file");
        }
    }

    private void rewriteImage(Element img) {
        LinkTarget t = LinkResolver.resolve(img.attr("src"), documentPath);
        if (t.kind() != LinkTarget.Kind.LOCAL && t.kind() != LinkTarget.Kind.ANCHOR) {
            return;
        }
        String existing = files.existing(t.targetPath()).orElse(null);
        if (existing == null || t.problem() != null) {
            markBroken(img, t.brokenReason(existing != null));
        } else if (CourseImages.isImage(existing)) {
            img.attr("src", imageUrl(courseId, existing));
        } else {
            img.addClass(UNSERVED).attr("title", "not an image kb serves");
        }
    }

    private static void markBroken(Element element, String reason) {
        element.addClass(BROKEN).attr("title", reason);
    }

    private String topicUrl(String path, String fragment) {
        String url = "/api/v1/topics/" + TopicIds.of(courseId, path) + "?format=html";
        return fragment == null ? url : url + "#" + encode(fragment);
    }

    /** The image route's address of a course file, each path segment encoded. */
    static String imageUrl(String courseId, String path) {
        StringBuilder url = new StringBuilder("/api/v1/courses/").append(encode(courseId)).append("/images");
        for (String segment : path.split("/")) {
            url.append('/').append(encode(segment));
        }
        return url.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
