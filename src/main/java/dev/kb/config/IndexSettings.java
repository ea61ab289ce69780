package dev.kb.config;

import dev.kb.graph.GraphConfig;
import dev.kb.graph.PrerequisiteInference;
import dev.kb.ingest.HandoutDetector;
import dev.kb.search.SearchSettings;
import dev.kb.store.RunPublisher;

/**
 * Everything {@code index/} configures, read once at start and passed to the services that use it: nothing reads
 * {@code index/} in a constructor, so two configurations can run side by side in one process.
 */
public record IndexSettings(SearchSettings search, GraphConfig graph, HandoutDetector handouts) {

    /** The settings shipped in {@code index/}. */
    public static IndexSettings configured() {
        return new IndexSettings(SearchSettings.configured(), GraphConfig.configured(), HandoutDetector.configured());
    }

    /** The settings shipped in {@code index/}, searching by meaning too or by words alone (see {@link Config#semantic()}). */
    public static IndexSettings configured(boolean semantic) {
        IndexSettings settings = configured();
        return semantic ? settings : new IndexSettings(settings.search.withoutSemantics(), settings.graph, settings.handouts);
    }

    /** The course-wide steps of an index run with these settings: handout detection, then prerequisite inference. */
    public RunPublisher.CourseWideSteps courseWideSteps() {
        PrerequisiteInference inference = new PrerequisiteInference(graph);
        return new RunPublisher.CourseWideSteps(handouts::handouts, course -> inference.infer(
                new PrerequisiteInference.Input(course.topics(), course.agenda(), course.links(), course.files(),
                        course.prose())));
    }
}
