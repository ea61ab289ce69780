package dev.kb.search;

import dev.kb.common.IndexConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The ranking weights of {@code index/ranking.properties}; {@link #from} takes other values, so an evaluation can
 * score two configurations side by side in one process.
 */
public record Ranking(Map<IndexFields.Text, Float> topicFields, Map<IndexFields.Text, Float> sectionFields,
               Map<IndexFields.Text, Float> passageFields, float passageTopicShare,
               Map<Analyses.Form, Float> forms, float inAgendaPrior, float fuzzyWeight,
               float prefixWeight, float synonymWeight, float functionWordWeight,
               float coverageExponent, float compoundWeight, float semanticEnglish, float semanticGerman,
               float semanticPassage, int semanticMinWords) {

    public static Ranking configured() {
        return from(IndexConfig.properties("ranking.properties"));
    }

    public static Ranking from(Properties p) {
        Map<IndexFields.Text, Float> topic = new EnumMap<>(IndexFields.Text.class);
        topic.put(IndexFields.Text.TITLE, f(p, "field.title"));
        topic.put(IndexFields.Text.HEADINGS, f(p, "field.headings"));
        topic.put(IndexFields.Text.AGENDA, f(p, "field.agenda"));
        topic.put(IndexFields.Text.PATH, f(p, "field.path"));
        topic.put(IndexFields.Text.BODY, f(p, "field.body"));
        topic.put(IndexFields.Text.CODE, f(p, "field.code"));
        // External pages are found by the same query, weighted like a topic's title and body.
        topic.put(IndexFields.Text.EXTERNAL_TITLE, f(p, "field.title"));
        topic.put(IndexFields.Text.EXTERNAL_BODY, f(p, "field.body"));
        Map<IndexFields.Text, Float> section = new EnumMap<>(IndexFields.Text.class);
        section.put(IndexFields.Text.HEADING, f(p, "section.heading"));
        section.put(IndexFields.Text.BODY, f(p, "section.body"));
        section.put(IndexFields.Text.CODE, f(p, "section.code"));
        Map<IndexFields.Text, Float> passage = new EnumMap<>(IndexFields.Text.class);
        passage.put(IndexFields.Text.PASSAGE_TITLE, f(p, "passage.title"));
        passage.put(IndexFields.Text.PASSAGE_PATH, f(p, "passage.path"));
        passage.put(IndexFields.Text.PASSAGE_HEADING, f(p, "passage.heading"));
        passage.put(IndexFields.Text.PASSAGE_BODY, f(p, "passage.body"));
        passage.put(IndexFields.Text.PASSAGE_CODE, f(p, "passage.code"));
        Map<Analyses.Form, Float> forms = new EnumMap<>(Analyses.Form.class);
        forms.put(Analyses.Form.EXACT, f(p, "form.exact"));
        forms.put(Analyses.Form.ENGLISH, f(p, "form.english"));
        forms.put(Analyses.Form.GERMAN, f(p, "form.german"));
        return new Ranking(Map.copyOf(topic), Map.copyOf(section), Map.copyOf(passage), f(p, "passage.topic-share"),
                Map.copyOf(forms), f(p, "prior.in-agenda"),
                f(p, "fuzzy.weight"), f(p, "prefix.weight"), f(p, "synonym.weight"), f(p, "function-word.weight"),
                f(p, "coverage.exponent"), f(p, "compound.weight"), f(p, "semantic.weight.en"),
                f(p, "semantic.weight.de"), f(p, "semantic.passage-weight"), (int) f(p, "semantic.min-words"));
    }

    private static float f(Properties p, String key) {
        return (float) IndexConfig.number(p, key);
    }
}
