package dev.kb.search;

import dev.kb.common.IndexConfig;
import java.util.Properties;

/**
 * What {@code index/} says about searching: ranking weights, synonyms and translations, question words, and the
 * confidence a gap suggestion needs (and how much less a topic the agenda already links counts, and the confidence that
 * calls an item covered). Read once at start and handed to the services, so an evaluation can run two
 * configurations side by side in one process ({@link #withRanking}).
 */
public record SearchSettings(Ranking ranking, Synonyms synonyms, QuestionWords questionWords, double gapMinConfidence,
                             double gapInAgendaFactor, double gapTitleWeight, double gapFolderWeight,
                             double gapCoveredConfidence, Semantics semantics) {

    /** The settings shipped in {@code index/}. */
    public static SearchSettings configured() {
        Properties p = IndexConfig.properties("ranking.properties");
        return new SearchSettings(Ranking.configured(), Synonyms.configured(), QuestionWords.configured(),
                IndexConfig.number(p, "gaps.min-confidence"), IndexConfig.number(p, "gaps.in-agenda-factor"),
                IndexConfig.number(p, "gaps.title-weight"), IndexConfig.number(p, "gaps.module-folder-weight"),
                IndexConfig.number(p, "gaps.covered-confidence"), Semantics.configured());
    }

    public SearchSettings withRanking(Ranking other) {
        return new SearchSettings(other, synonyms, questionWords, gapMinConfidence, gapInAgendaFactor, gapTitleWeight,
                gapFolderWeight, gapCoveredConfidence, semantics);
    }

    /** The same settings with other gap suggestion constants (for tuning them). */
    public SearchSettings withGaps(double minConfidence, double inAgendaFactor, double titleWeight, double folderWeight) {
        return new SearchSettings(ranking, synonyms, questionWords, minConfidence, inAgendaFactor, titleWeight,
                folderWeight, gapCoveredConfidence, semantics);
    }

    /** These settings searching by words alone: nothing is embedded, at indexing or at search. */
    public SearchSettings withoutSemantics() {
        return withSemantics(Semantics.OFF);
    }

    /** These settings with another semantic signal (to compare two). */
    SearchSettings withSemantics(Semantics other) {
        return new SearchSettings(ranking, synonyms, questionWords, gapMinConfidence, gapInAgendaFactor, gapTitleWeight,
                gapFolderWeight, gapCoveredConfidence, other);
    }

    QueryBuilder queries() {
        return new QueryBuilder(ranking, synonyms, questionWords);
    }
}
