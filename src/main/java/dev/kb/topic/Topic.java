package dev.kb.topic;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything the API tells about one topic document. {@code kind}: exercise, walkthrough, overview or reference;
 * {@code language}: de, en, mixed or unknown; {@code handout}: a compiled handout (mostly other topics' text).
 */
public record Topic(
        String id,
        String course,
        String path,
        String title,
        String kind,
        String language,
        boolean handout,
        boolean inAgenda,
        List<AgendaPlace> agenda,
        List<Heading> headings,
        List<Link> links,
        List<Image> images,
        List<Backlink> backlinks,
        List<ExternalReference> externalReferences,
        int wordCount,
        int codeBlocks,
        String contentHash,
        OffsetDateTime updatedAt,
        String markdown,
        String html,
        String sourceUrl,
        String editUrl) {

    Topic withHtml(String rendered) {
        return new Topic(id, course, path, title, kind, language, handout, inAgenda, agenda, headings, links, images,
                backlinks, externalReferences, wordCount, codeBlocks, contentHash, updatedAt, markdown, rendered,
                sourceUrl, editUrl);
    }

    public record AgendaPlace(String section, String module, String item) {
    }

    public record Heading(int level, String text, String anchor) {
    }

    /**
     * A link of this topic. status: ok (target exists), missing (local target does not exist), invalid (target
     * escapes the course or is unusable), external, empty; {@code reason} says why a link leads nowhere.
     */
    public record Link(String text, String href, String kind, String path, String fragment, String url,
                       String topicId, String status, String reason, int line) {
    }

    public record Image(String alt, String src, String path, String url, String status, String reason, int line) {
    }

    public record Backlink(String topicId, String path, String title, String text) {
    }

    public record ExternalReference(String url, String text, int line) {
    }
}
