package dev.kb.web;

import dev.kb.topic.Topic;
import java.util.List;

/**
 * A topic page: the document (its HTML with links pointed at pages), its contents, what comes before and after it,
 * who links it, and its external references with their check status.
 */
public record TopicView(Topic topic, String documentHtml, List<Topic.Heading> toc, List<Step> before,
                        List<Step> after, Step nextInAgenda, List<LearningStep> learningPath,
                        List<External> external) {

    /** A topic linked from this one's page. */
    public record Step(String title, String url) {
    }

    /** A step of the learning path to this topic, with why it is there (the evidence of its edges). */
    public record LearningStep(String title, String url, boolean goal, List<String> because) {
    }

    public record External(String url, String text, String status) {
    }
}
