package dev.kb.graph;

import dev.kb.common.IndexConfig;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** The evidence weights and thresholds of {@code index/graph.properties}. */
public record GraphConfig(double declared, double sequence, double agenda, double mentionHeading, double mentionProse,
                   double link, double minWithinModule, double minAcrossModules, double mentionMaxTopicShare,
                   int mentionMaxTopicsAtLeast, int mentionMinTermLength, Set<String> overviewFileWords) {

    /** The settings shipped in {@code index/graph.properties}. */
    public static GraphConfig configured() {
        Properties p = IndexConfig.properties("graph.properties");
        return new GraphConfig(
                IndexConfig.number(p, "weight.declared"),
                IndexConfig.number(p, "weight.sequence"),
                IndexConfig.number(p, "weight.agenda"),
                IndexConfig.number(p, "weight.mention.heading"),
                IndexConfig.number(p, "weight.mention.prose"),
                IndexConfig.number(p, "weight.link"),
                IndexConfig.number(p, "min.within-module"),
                IndexConfig.number(p, "min.across-modules"),
                IndexConfig.number(p, "mention.max-topic-share"),
                (int) IndexConfig.number(p, "mention.max-topics-at-least"),
                (int) IndexConfig.number(p, "mention.min-term-length"),
                List.of(p.getProperty("overview.file-words", "").split(",")).stream()
                        .map(w -> SubjectTerms.normalize(w.toLowerCase(Locale.ROOT).strip()))
                        .filter(w -> !w.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
    }
}
