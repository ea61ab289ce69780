package dev.kb.search;

import dev.kb.common.IndexConfig;

/**
 * What {@code index/} says about searching: ranking weights, synonyms and translations, question words, and the
 * confidence a gap suggestion needs. Read once at start and handed to the services, so an evaluation can run two
 * configurations side by side in one process ({@link #withRanking}).
 */
public record SearchSettings(Ranking ranking, Synonyms synonyms, QuestionWords questionWords, double gapMinConfidence) {

    /** The settings shipped in {@code index/}. */
    public static SearchSettings configured() {
        return new SearchSettings(Ranking.configured(), Synonyms.configured(), QuestionWords.configured(),
                IndexConfig.number(IndexConfig.properties("ranking.properties"), "gaps.min-confidence"));
    }

    public SearchSettings withRanking(Ranking other) {
        return new SearchSettings(other, synonyms, questionWords, gapMinConfidence);
    }

    QueryBuilder queries() {
        return new QueryBuilder(ranking, synonyms, questionWords);
    }
}
