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
        Map<String, Set<String>> topicsByWord = new HashMap<>();
        for (DocumentRow t : topics) {
            TopicProse p = prose.getOrDefault(t.id(), new TopicProse(List.of(), ""));
            List<String> body = SubjectTerms.words(p.body());
            List<List<String>> headings = p.headings().stream().map(SubjectTerms::words).toList();
            bodyWords.put(t.id(), body);
            headingWords.put(t.id(), headings);
            body.forEach(w -> topicsByWord.computeIfAbsent(w, k -> new HashSet<>()).add(t.id()));
            headings.forEach(h -> h.forEach(w -> topicsByWord.computeIfAbsent(w, k -> new HashSet<>()).add(t.id())));
            Set<List<String>> subjects = new HashSet<>();
            p.headings().forEach(h -> subjects.addAll(SubjectTerms.of(h)));
            headingSubjects.put(t.id(), subjects);
        }
        // Only agenda topics take part, so the pairwise comparison is over the agenda, not the whole course.
        List<DocumentRow> placed = topics.stream().filter(t -> position.containsKey(t.id())).toList();
        Map<String, List<List<String>>> subjects = new HashMap<>();
        for (DocumentRow t : placed) {
            subjects.put(t.id(), specific(Set.of(t.id()), SubjectTerms.of(t.title()), bodyWords, headingWords,
                    topicsByWord));
        }
        List<Mention> result = new ArrayList<>();
        outOfAgenda(bodyWords, headingWords, topicsByWord, result);
        for (DocumentRow earlier : placed) {
            for (DocumentRow later : placed) {
                if (position.get(earlier.id()) >= position.get(later.id())) {
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
                List<String> laterTitle = SubjectTerms.words(later.title() == null ? "" : later.title());
                // ... not a twin whose subject is the same one ("Kernel Hardening" twice).
                List<List<String>> laterSubject = SubjectTerms.of(later.title() == null ? "" : later.title());
                List<String> titled = subjects.get(earlier.id()).stream()
                        .filter(term -> SubjectTerms.contains(laterTitle, term) && !laterSubject.equals(List.of(term)))
                        .findFirst().orElse(null);
                if (titled != null) {
                    // A title that names an earlier topic's whole subject ("Troubleshooting SELinux Debian" after
                    // "SELinux Debian") is a lesson on top of it, as much as a section on it is.
                    result.add(new Mention(earlier.id(), later.id(), config.mentionHeading(), "mention: the title of "
                            + later.path() + " names \"" + String.join(" ", titled) + "\", the subject of "
                            + earlier.path() + ", taught earlier"));
                    continue;
                }
                for (List<String> term : subjects.get(earlier.id())) {
                    // A passing use is no lesson built on the term: it has to come up again.
                    if (SubjectTerms.count(bodyWords.get(later.id()), term) >= config.mentionMinProseUses()) {
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
     * Topics the agenda leaves out have no order to go by, but within one folder the use of subject terms is
     * lopsided: "Cursor" uses "procedure" over and over while "Create procedure" never says "cursor". The topic
     * whose subject the other builds on comes first; when both use each other's subject, neither does.
     */
    private void outOfAgenda(Map<String, List<String>> bodies, Map<String, List<List<String>>> headings,
                             Map<String, Set<String>> byWord, List<Mention> result) {
        Map<String, List<DocumentRow>> byFolder = new HashMap<>();
        for (DocumentRow t : topics) {
            if (!position.containsKey(t.id())) {
                int slash = t.path().lastIndexOf('/');
                byFolder.computeIfAbsent(slash < 0 ? "" : t.path().substring(0, slash), k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<String, List<DocumentRow>> folder : byFolder.entrySet()) {
            List<DocumentRow> mates = folder.getValue();
            // A folder is one subject, the course root is not: there "update" in one file name and UPDATE in
            // another's code are two lessons on different things (and a backlog uses every command).
            boolean oneSubject = !folder.getKey().isEmpty();
            Map<String, List<List<String>>> subjects = new HashMap<>();
            // A folder's own subject ("procedure" in stored-procedures/) is used by all of it: rare means rare
            // outside the folder. The file name names the subject too, often more plainly than the title
            // ("create-procedure.md" for "Create a stored procedure").
            Set<String> mateIds = new HashSet<>();
            mates.forEach(t -> mateIds.add(t.id()));
            mates.forEach(t -> {
                List<List<String>> terms = new ArrayList<>(SubjectTerms.of(t.title()));
                if (oneSubject) {
                    SubjectTerms.of(fileName(t)).stream().filter(term -> !terms.contains(term)).forEach(terms::add);
                }
                subjects.put(t.id(), specific(mateIds, terms, bodies, headings, byWord));
            });
            // Within one folder (not the root), code counts as use: a lesson whose examples run "CREATE PROCEDURE" builds on the one
            // that teaches it, whether or not its prose says so.
            Map<String, List<String>> used = new HashMap<>();
            mates.forEach(t -> {
                List<String> words = new ArrayList<>(bodies.get(t.id()));
                if (oneSubject) {
                    words.addAll(SubjectTerms.words(prose.getOrDefault(t.id(), new TopicProse(List.of(), "")).code()));
                }
                used.put(t.id(), words);
            });
            for (DocumentRow a : mates) {
                for (DocumentRow b : mates) {
                    if (a == b) {
                        continue;
                    }
                    List<String> usedTerm = subjects.get(a.id()).stream()
                            .filter(term -> SubjectTerms.count(used.get(b.id()), term) >= config.mentionMinProseUses())
                            .findFirst().orElse(null);
                    boolean back = subjects.get(b.id()).stream()
                            .anyMatch(term -> SubjectTerms.contains(used.get(a.id()), term));
                    if (usedTerm != null && !back) {
                        result.add(new Mention(a.id(), b.id(), config.mentionProse(), "mention: " + b.path()
                                + " builds on \"" + String.join(" ", usedTerm) + "\", the subject of " + a.path()
                                + ", which never names the subject of " + b.path()));
                    }
                }
            }
        }
    }

    /** The file name without its extension, its hyphens and underscores as spaces: "create procedure". */
    private static String fileName(DocumentRow t) {
        String name = t.path().substring(t.path().lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
        return name.replace('-', ' ').replace('_', ' ');
    }

    /**
     * The title terms long enough and used by few enough topics other than {@code owners} (in headings or prose)
     * to name a subject.
     */
    private List<List<String>> specific(Set<String> owners, List<List<String>> terms, Map<String, List<String>> bodies,
                                        Map<String, List<List<String>>> headings, Map<String, Set<String>> byWord) {
        int limit = Math.max(config.mentionMaxTopicsAtLeast(),
                (int) Math.floor(config.mentionMaxTopicShare() * topics.size()));
        List<List<String>> result = new ArrayList<>();
        for (List<String> term : terms) {
            if (String.join(" ", term).length() < config.mentionMinTermLength()) {
                continue;
            }
            int users = 0;
            // Only topics with every word of the term can use it: the rarest word's topics are the candidates.
            Set<String> candidates = term.stream().map(w -> byWord.getOrDefault(w, Set.of()))
                    .min(java.util.Comparator.comparingInt(Set::size)).orElse(Set.of());
            for (String t : candidates) {
                if (!owners.contains(t) && (SubjectTerms.contains(bodies.get(t), term)
                        || headings.get(t).stream().anyMatch(h -> SubjectTerms.contains(h, term)))) {
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
