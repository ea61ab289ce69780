package dev.kb.graph;

import dev.kb.model.CourseFiles;
import dev.kb.model.LinkTarget;
import dev.kb.store.DocumentRow;
import dev.kb.store.LinkRow;
import dev.kb.store.PrerequisiteRow;
import dev.kb.store.StoredAgenda;
import dev.kb.store.TopicProse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Infers "teach A before B" from evidence of five kinds (weights and thresholds in {@code index/graph.properties}):
 * <ul>
 *   <li>{@code declared}: the trainer named A as a prerequisite of B (front matter, a Prerequisites section);</li>
 *   <li>{@code sequence}: numbered files of one folder in number order; a folder's overview before the
 *       exercises and walkthroughs of its folder and the folders below;</li>
 *   <li>{@code agenda}: inside one module, an item after the item before it;</li>
 *   <li>{@code mention}: A is taught earlier and has a section on B's subject, or B's prose uses A's subject
 *       term — only terms specific to few topics count;</li>
 *   <li>{@code link}: B links A, which the agenda teaches earlier.</li>
 * </ul>
 * Evidence for a pair adds up; a pair needs more of it across agenda modules than within one. Edges go in
 * strongest first, and one that would close a cycle is dropped with the reason: always a DAG, deterministically.
 */
public final class PrerequisiteInference {
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,4})[-_. ]");
    private static final Set<String> FOLLOWS_OVERVIEW = Set.of("exercise", "walkthrough");

    private final GraphConfig config;

    public PrerequisiteInference(GraphConfig config) {
        this.config = config;
    }

    /** Everything inference looks at: topics, agenda, links and the topics' prose. */
    public record Input(List<DocumentRow> topics, StoredAgenda agenda, List<LinkRow> links, CourseFiles files,
                        Map<String, TopicProse> prose) {
    }

    private final class Candidates {
        private final Map<List<String>, List<PrerequisiteRow.Reason>> reasons = new LinkedHashMap<>();

        void add(String from, String to, String kind, double weight, String detail) {
            if (!from.equals(to)) {
                reasons.computeIfAbsent(List.of(from, to), k -> new ArrayList<>())
                        .add(new PrerequisiteRow.Reason(kind, weight, detail));
            }
        }
    }

    public List<PrerequisiteRow> infer(Input in) {
        Map<String, DocumentRow> byId = new HashMap<>();
        Map<String, String> idByPath = new HashMap<>();
        in.topics().forEach(t -> {
            byId.put(t.id(), t);
            idByPath.put(t.path(), t.id());
        });
        Map<String, Integer> position = AgendaOrder.positions(in.agenda());
        Map<String, Set<String>> modules = modules(in.agenda());

        Candidates candidates = new Candidates();
        declared(in, idByPath, candidates);
        numbered(in.topics(), candidates);
        overviews(in.topics(), candidates);
        agenda(in.agenda(), byId, candidates);
        links(in, idByPath, position, candidates);
        new Mentions(config, in.topics(), in.prose(), position).find().forEach(m ->
                candidates.add(m.from(), m.to(), "mention", m.weight(), m.detail()));

        List<PrerequisiteRow> accepted = new ArrayList<>();
        candidates.reasons.forEach((pair, reasons) -> {
            String from = pair.get(0);
            String to = pair.get(1);
            double weight = reasons.stream().mapToDouble(PrerequisiteRow.Reason::weight).sum();
            boolean sameModule = modules.getOrDefault(from, Set.of()).stream()
                    .anyMatch(m -> modules.getOrDefault(to, Set.of()).contains(m));
            if (weight + 1e-9 >= (sameModule ? config.minWithinModule() : config.minAcrossModules())) {
                List<PrerequisiteRow.Reason> sorted = new ArrayList<>(reasons);
                sorted.sort(Comparator.comparingDouble(PrerequisiteRow.Reason::weight).reversed());
                accepted.add(new PrerequisiteRow(from, to, sorted.get(0).kind(), Math.min(1.0, weight),
                        List.copyOf(sorted), false, null));
            }
        });
        return acyclic(accepted, byId, position);
    }

    /** Strongest first; then by agenda order and path, so the same course always yields the same graph. */
    private static List<PrerequisiteRow> acyclic(List<PrerequisiteRow> edges, Map<String, DocumentRow> byId,
                                                 Map<String, Integer> position) {
        edges.sort(Comparator.comparingDouble(PrerequisiteRow::weight).reversed()
                .thenComparing(e -> position.getOrDefault(e.toId(), Integer.MAX_VALUE))
                .thenComparing(e -> position.getOrDefault(e.fromId(), Integer.MAX_VALUE))
                .thenComparing(e -> byId.get(e.toId()).path())
                .thenComparing(e -> byId.get(e.fromId()).path()));
        Dag dag = new Dag();
        List<PrerequisiteRow> result = new ArrayList<>();
        for (PrerequisiteRow e : edges) {
            if (dag.addIfAcyclic(e.fromId(), e.toId())) {
                result.add(e);
            } else {
                result.add(new PrerequisiteRow(e.fromId(), e.toId(), e.kind(), e.weight(), e.reasons(), true,
                        "would close a cycle: " + byId.get(e.toId()).path() + " is already taught before "
                                + byId.get(e.fromId()).path() + " by stronger evidence"));
            }
        }
        return result;
    }

    private void declared(Input in, Map<String, String> idByPath, Candidates out) {
        for (LinkRow row : in.links()) {
            if (!row.link().declared()) {
                continue;
            }
            String target = topic(row, in.files(), idByPath);
            String source = idByPath.get(row.documentPath());
            if (target != null && source != null) {
                out.add(target, source, "declared", config.declared(),
                        "declared: " + row.documentPath() + " names " + row.link().target().targetPath()
                                + " as a prerequisite");
            }
        }
    }

    private void numbered(List<DocumentRow> topics, Candidates out) {
        Map<String, TreeMap<Integer, List<DocumentRow>>> byFolder = new TreeMap<>();
        for (DocumentRow t : topics) {
            Matcher m = NUMBERED.matcher(name(t));
            if (m.find()) {
                byFolder.computeIfAbsent(folder(t), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(t);
            }
        }
        byFolder.forEach((folder, groups) -> {
            List<DocumentRow> previous = null;
            for (List<DocumentRow> group : groups.values()) {
                if (previous != null) {
                    for (DocumentRow before : previous) {
                        for (DocumentRow after : group) {
                            out.add(before.id(), after.id(), "sequence", config.sequence(), "sequence: numbered files in "
                                    + (folder.isEmpty() ? "the course root" : folder + "/") + ": " + name(before)
                                    + " before " + name(after));
                        }
                    }
                }
                previous = group;
            }
        });
    }

    /** A folder's overview comes before the exercises and walkthroughs of its folder and the folders below. */
    private void overviews(List<DocumentRow> topics, Candidates out) {
        // Every folder's topics, below it at any depth: one pass instead of one scan per overview.
        Map<String, List<DocumentRow>> under = new HashMap<>();
        for (DocumentRow t : topics) {
            for (int slash = t.path().indexOf('/'); slash >= 0; slash = t.path().indexOf('/', slash + 1)) {
                under.computeIfAbsent(t.path().substring(0, slash), k -> new ArrayList<>()).add(t);
            }
        }
        for (DocumentRow overview : topics) {
            String folder = folder(overview);
            boolean isOverview = SubjectTerms.words(name(overview)).stream().anyMatch(config.overviewFileWords()::contains);
            if (folder.isEmpty() || !isOverview) {
                continue;
            }
            for (DocumentRow t : under.getOrDefault(folder, List.of())) {
                if (t != overview && FOLLOWS_OVERVIEW.contains(t.category())) {
                    out.add(overview.id(), t.id(), "sequence", config.sequence(), "sequence: " + overview.path()
                            + " is the overview of " + folder + "/, before its " + t.category() + " " + t.path());
                }
            }
        }
    }

    private void agenda(StoredAgenda agenda, Map<String, DocumentRow> byId, Candidates out) {
        for (StoredAgenda.Section section : agenda.sections()) {
            for (StoredAgenda.Module module : section.modules()) {
                StoredAgenda.Item previous = null;
                for (StoredAgenda.Item item : module.items()) {
                    if (item.documentId() == null || !byId.containsKey(item.documentId())) {
                        continue;
                    }
                    if (previous != null) {
                        out.add(previous.documentId(), item.documentId(), "agenda", config.agenda(),
                                "agenda: in \"" + section.title() + " › " + module.title() + "\", \""
                                        + previous.item().title() + "\" comes before \"" + item.item().title() + "\"");
                    }
                    previous = item;
                }
            }
        }
    }

    private void links(Input in, Map<String, String> idByPath, Map<String, Integer> position, Candidates out) {
        for (LinkRow row : in.links()) {
            if (row.link().declared()) {
                continue;
            }
            String target = topic(row, in.files(), idByPath);
            String source = idByPath.get(row.documentPath());
            if (target == null || source == null) {
                continue;
            }
            Integer targetPos = position.get(target);
            Integer sourcePos = position.get(source);
            if (targetPos != null && sourcePos != null && targetPos < sourcePos) {
                out.add(target, source, "link", config.link(), "link: " + row.documentPath() + " links "
                        + row.link().target().targetPath() + ", which the agenda teaches earlier");
            }
        }
    }

    /** The topic a local link points at, or null. */
    private static String topic(LinkRow row, CourseFiles files, Map<String, String> idByPath) {
        LinkTarget target = row.link().target();
        if (row.link().image() || target.kind() != LinkTarget.Kind.LOCAL || target.targetPath() == null) {
            return null;
        }
        return files.existing(target.targetPath()).map(idByPath::get).orElse(null);
    }

    private static Map<String, Set<String>> modules(StoredAgenda agenda) {
        Map<String, Set<String>> modules = new HashMap<>();
        for (StoredAgenda.Section s : agenda.sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                for (StoredAgenda.Item i : m.items()) {
                    if (i.documentId() != null) {
                        modules.computeIfAbsent(i.documentId(), k -> new HashSet<>()).add(s.ord() + "/" + m.ord());
                    }
                }
            }
        }
        return modules;
    }

    private static String name(DocumentRow d) {
        return d.path().substring(d.path().lastIndexOf('/') + 1);
    }

    private static String folder(DocumentRow d) {
        int slash = d.path().lastIndexOf('/');
        return slash < 0 ? "" : d.path().substring(0, slash);
    }
}
