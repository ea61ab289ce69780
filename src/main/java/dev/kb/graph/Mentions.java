package dev.kb.graph;

import dev.kb.store.DocumentRow;
import dev.kb.store.TopicProse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Topics that build on the subject of a topic taught earlier: the earlier one has a section on the later one's
 * subject ("Architecture" has a section "kubelet" before "Securing kubelet"), or the later one uses the earlier
 * one's subject term in its prose. Only agenda topics take part (the agenda says what comes earlier), and only
 * terms used by few topics count: "kubernetes" says nothing, "kubelet" does.
 */
final class Mentions {
    record Mention(String from, String to, double weight, String detail) {
    }

    private final GraphConfig config;
    private final List<DocumentRow> topics;
    private final Map<String, TopicProse> prose;
    private final Map<String, Integer> position;

    Mentions(GraphConfig config, List<DocumentRow> topics, Map<String, TopicProse> prose,
             Map<String, Integer> position) {
        this.config = config;
        this.topics = topics;
        this.prose = prose;
        this.position = position;
    }

    List<Mention> find() {
        Map<String, List<String>> bodyWords = new HashMap<>();
        Map<String, List<List<String>>> headingWords = new HashMap<>();
        Map<String, Set<List<String>>> headingSubjects = new HashMap<>();
        for (DocumentRow t : topics) {
            TopicProse p = prose.getOrDefault(t.id(), new TopicProse(List.of(), ""));
            bodyWords.put(t.id(), SubjectTerms.words(p.body()));
            headingWords.put(t.id(), p.headings().stream().map(SubjectTerms::words).toList());
            Set<List<String>> subjects = new HashSet<>();
            p.headings().forEach(h -> subjects.addAll(SubjectTerms.of(h)));
            headingSubjects.put(t.id(), subjects);
        }
        Map<String, List<List<String>>> subjects = new HashMap<>();
        for (DocumentRow t : topics) {
            if (position.containsKey(t.id())) {
                subjects.put(t.id(), specific(t.id(), SubjectTerms.of(t.title()), bodyWords, headingWords));
            }
        }
        List<Mention> result = new ArrayList<>();
        for (DocumentRow earlier : topics) {
            for (DocumentRow later : topics) {
                Integer before = position.get(earlier.id());
                Integer after = position.get(later.id());
                if (before == null || after == null || before >= after) {
                    continue;
                }
                for (List<String> term : subjects.get(later.id())) {
                    // A section about the term itself ("kubelet"), not one that merely uses it ("Rules per Role").
                    if (headingSubjects.get(earlier.id()).contains(term)) {
                        result.add(new Mention(earlier.id(), later.id(), config.mentionHeading(), "mention: "
                                + earlier.path() + " has a section on \"" + String.join(" ", term) + "\", the subject of "
                                + later.path()));
                        break;
                    }
                }
                for (List<String> term : subjects.get(earlier.id())) {
                    if (SubjectTerms.contains(bodyWords.get(later.id()), term)) {
                        result.add(new Mention(earlier.id(), later.id(), config.mentionProse(), "mention: "
                                + later.path() + " uses \"" + String.join(" ", term) + "\", the subject of "
                                + earlier.path() + ", taught earlier"));
                        break;
                    }
                }
            }
        }
        return result;
    }

    /**
     * The title terms long enough and used by few enough other topics (in headings or prose) to name a subject.
     */
    private List<List<String>> specific(String owner, List<List<String>> terms, Map<String, List<String>> bodies,
                                        Map<String, List<List<String>>> headings) {
        int limit = Math.max(config.mentionMaxTopicsAtLeast(),
                (int) Math.floor(config.mentionMaxTopicShare() * topics.size()));
        List<List<String>> result = new ArrayList<>();
        for (List<String> term : terms) {
            if (String.join(" ", term).length() < config.mentionMinTermLength()) {
                continue;
            }
            int users = 0;
            for (DocumentRow t : topics) {
                if (!t.id().equals(owner) && (SubjectTerms.contains(bodies.get(t.id()), term)
                        || headings.get(t.id()).stream().anyMatch(h -> SubjectTerms.contains(h, term)))) {
                    users++;
                }
            }
            if (users <= limit) {
                result.add(term);
            }
        }
        return result;
    }
}
