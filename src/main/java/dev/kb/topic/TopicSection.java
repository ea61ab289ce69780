package dev.kb.topic;

/**
 * One section of a topic with its subsections: the markdown from its heading up to the next heading of the same
 * or a higher rank, and that markdown rendered and sanitised. {@code line} is where it starts in the file.
 */
public record TopicSection(String topicId, String course, String path, String title, String heading, String anchor,
                           int level, int line, String markdown, String html) {

    TopicSection withHtml(String rendered) {
        return new TopicSection(topicId, course, path, title, heading, anchor, level, line, markdown, rendered);
    }
}
