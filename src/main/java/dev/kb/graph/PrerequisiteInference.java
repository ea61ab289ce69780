package dev.kb.graph;

import dev.kb.ingest.CourseFiles;
import dev.kb.ingest.LinkTarget;
import dev.kb.store.DocumentRow;
import dev.kb.store.LinkRow;
import dev.kb.store.PrerequisiteRow;
import dev.kb.store.StoredAgenda;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers "teach A before B" edges from three kinds of evidence, strongest first:
 * <ul>
 *   <li>{@code sequence}: numbered files in one folder ({@code 00-…}, {@code 01-…}) are taught in number order;</li>
 *   <li>{@code agenda}: inside one agenda module, an item comes after the item before it;</li>
 *   <li>{@code link}: a document that links a topic the agenda teaches earlier builds on it.</li>
 * </ul>
 * Edges are added strongest first and an edge that would close a cycle is dropped and kept with the reason,
 * so the graph is always a DAG and the choice is deterministic.
 */
public final class PrerequisiteInference {
    static final double SEQUENCE_WEIGHT = 0.8;
    static final double AGENDA_WEIGHT = 0.6;
    static final double LINK_WEIGHT = 0.4;

    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,4})[-_. ]");

    private PrerequisiteInference() {
    }

    private record Candidate(String from, String to, String kind, double weight, String evidence) {
    }

    public static List<PrerequisiteRow> infer(List<DocumentRow> topics, StoredAgenda agenda, List<LinkRow> links,
                                               CourseFiles files) {
        Map<String, DocumentRow> byId = new HashMap<>();
        Map<String, String> idByPath = new HashMap<>();
        for (DocumentRow t : topics) {
            byId.put(t.id(), t);
            idByPath.put(t.path(), t.id());
        }
        Map<String, Integer> agendaPosition = AgendaOrder.positions(agenda);

        Map<List<String>, Candidate> candidates = new LinkedHashMap<>();
        sequence(topics).forEach(c -> merge(candidates, c));
        agenda(agenda, byId).forEach(c -> merge(candidates, c));
        links(links, files, idByPath, agendaPosition).forEach(c -> merge(candidates, c));

        Comparator<Candidate> strongestFirst = Comparator.comparingDouble(Candidate::weight).reversed()
                .thenComparing(c -> agendaPosition.getOrDefault(c.to(), Integer.MAX_VALUE))
                .thenComparing(c -> agendaPosition.getOrDefault(c.from(), Integer.MAX_VALUE))
                .thenComparing(c -> byId.get(c.to()).path())
                .thenComparing(c -> byId.get(c.from()).path());
        List<Candidate> ordered = new ArrayList<>(candidates.values());
        ordered.sort(strongestFirst);

        Dag dag = new Dag();
        List<PrerequisiteRow> rows = new ArrayList<>();
        for (Candidate c : ordered) {
            boolean added = dag.addIfAcyclic(c.from(), c.to());
            String reason = added ? null : "would close a cycle: " + byId.get(c.to()).path()
                    + " is already taught before " + byId.get(c.from()).path() + " by stronger evidence";
            rows.add(new PrerequisiteRow(c.from(), c.to(), c.kind(), c.weight(), c.evidence(), !added, reason));
        }
        return rows;
    }

    /** The same pair found twice keeps the strongest kind and all the evidence. */
    private static void merge(Map<List<String>, Candidate> candidates, Candidate c) {
        candidates.merge(List.of(c.from(), c.to()), c, (a, b) -> {
            Candidate strong = a.weight() >= b.weight() ? a : b;
            Candidate weak = strong == a ? b : a;
            return new Candidate(strong.from(), strong.to(), strong.kind(), strong.weight(),
                    strong.evidence() + "; " + weak.evidence());
        });
    }

    private static List<Candidate> sequence(List<DocumentRow> topics) {
        Map<String, TreeMap<Integer, List<DocumentRow>>> byFolder = new TreeMap<>();
        for (DocumentRow t : topics) {
            int slash = t.path().lastIndexOf('/');
            String folder = slash < 0 ? "" : t.path().substring(0, slash);
            Matcher m = NUMBERED.matcher(t.path().substring(slash + 1));
            if (m.find()) {
                byFolder.computeIfAbsent(folder, k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(t);
            }
        }
        List<Candidate> result = new ArrayList<>();
        byFolder.forEach((folder, groups) -> {
            List<DocumentRow> previous = null;
            for (List<DocumentRow> group : groups.values()) {
                if (previous != null) {
                    for (DocumentRow before : previous) {
                        for (DocumentRow after : group) {
                            result.add(new Candidate(before.id(), after.id(), "sequence", SEQUENCE_WEIGHT,
                                    "sequence: numbered files in " + (folder.isEmpty() ? "the course root" : folder + "/")
                                            + ": " + name(before) + " before " + name(after)));
                        }
                    }
                }
                previous = group;
            }
        });
        return result;
    }

    private static List<Candidate> agenda(StoredAgenda agenda, Map<String, DocumentRow> byId) {
        List<Candidate> result = new ArrayList<>();
        for (StoredAgenda.Section section : agenda.sections()) {
            for (StoredAgenda.Module module : section.modules()) {
                StoredAgenda.Item previous = null;
                for (StoredAgenda.Item item : module.items()) {
                    if (item.documentId() == null || !byId.containsKey(item.documentId())) {
                        continue;
                    }
                    if (previous != null && !previous.documentId().equals(item.documentId())) {
                        result.add(new Candidate(previous.documentId(), item.documentId(), "agenda", AGENDA_WEIGHT,
                                "agenda: in \"" + section.title() + " › " + module.title() + "\", \""
                                        + previous.item().title() + "\" comes before \"" + item.item().title() + "\""));
                    }
                    previous = item;
                }
            }
        }
        return result;
    }

    private static List<Candidate> links(List<LinkRow> links, CourseFiles files, Map<String, String> idByPath,
                                         Map<String, Integer> agendaPosition) {
        List<Candidate> result = new ArrayList<>();
        for (LinkRow row : links) {
            LinkTarget target = row.link().target();
            if (row.link().image() || target.kind() != LinkTarget.Kind.LOCAL || target.targetPath() == null) {
                continue;
            }
            String targetId = files.existing(target.targetPath()).map(idByPath::get).orElse(null);
            String sourceId = idByPath.get(row.documentPath());
            if (targetId == null || sourceId == null || targetId.equals(sourceId)) {
                continue;
            }
            Integer targetPos = agendaPosition.get(targetId);
            Integer sourcePos = agendaPosition.get(sourceId);
            if (targetPos != null && sourcePos != null && targetPos < sourcePos) {
                result.add(new Candidate(targetId, sourceId, "link", LINK_WEIGHT,
                        "link: " + row.documentPath() + " links " + target.targetPath()
                                + ", which the agenda teaches earlier"));
            }
        }
        return result;
    }

    private static String name(DocumentRow d) {
        return d.path().substring(d.path().lastIndexOf('/') + 1);
    }
}
