package dev.kb.graph;

import java.util.List;

/**
 * Topics in a valid teaching order (prerequisites first, ties in agenda order), each with why it is on the path:
 * a goal, or a prerequisite of later steps.
 */
public record LearningPath(String course, List<String> goals, List<String> known, List<Step> steps) {

    public record Step(String topicId, String path, String title, boolean goal, List<Because> because) {
    }

    /** This step comes before {@code topicId}, for the reason given. */
    public record Because(String topicId, String kind, String evidence) {
    }
}
