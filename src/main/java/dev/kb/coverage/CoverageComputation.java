package dev.kb.coverage;

import dev.kb.course.ForgeLinks;
import dev.kb.model.Agenda;
import dev.kb.model.CourseFiles;
import dev.kb.model.LinkTarget;
import dev.kb.references.Reference;
import dev.kb.references.ReferenceService;
import dev.kb.search.GapSuggester;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.LinkRow;
import dev.kb.store.RunStore;
import dev.kb.store.SourceRow;
import dev.kb.store.StoredAgenda;
import dev.kb.store.Stores;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Computes a course's coverage report from the store (and the search index, for gap suggestions). */
final class CoverageComputation {
    private static final int SUGGESTIONS = 5;

    private final Stores stores;
    private final ReferenceService references;
    private final GapSuggester gaps;

    CoverageComputation(Stores stores, ReferenceService references, GapSuggester gaps) {
        this.stores = stores;
        this.references = references;
        this.gaps = gaps;
    }

    CoverageReport report(String courseId) {
        StoredAgenda agenda = stores.agenda().read(courseId);
        DocumentStore store = stores.documents();
        List<DocumentRow> topics = store.list(courseId).stream().filter(DocumentRow::isTopic).toList();
        Map<String, DocumentRow> byId = new HashMap<>();
        topics.forEach(t -> byId.put(t.id(), t));
        CourseFiles files = store.files(courseId);
        List<LinkRow> links = store.topicLinks(courseId);

        Map<Agenda.Status, Integer> counts = new EnumMap<>(Agenda.Status.class);
        List<CoverageReport.ModuleCoverage> modules = new ArrayList<>();
        List<CoverageReport.Gap> gapList = new ArrayList<>();
        Set<String> inAgenda = new HashSet<>();
        for (StoredAgenda.Section s : agenda.sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                modules.add(module(courseId, s, m, byId, counts, gapList, inAgenda));
            }
        }
        LinkCheck.Result broken = new LinkCheck(files, store.anchors(courseId)).check(agenda, links);
        Map<String, Integer> linkedFrom = linkedFrom(links, files);
        List<CoverageReport.DocumentRef> orphans = topics.stream()
                .filter(t -> !inAgenda.contains(t.id()) && linkedFrom.getOrDefault(t.path(), 0) == 0)
                .map(t -> ref(t, linkedFrom)).toList();
        List<CoverageReport.DocumentRef> notInAgenda = topics.stream().filter(t -> !inAgenda.contains(t.id()))
                .map(t -> ref(t, linkedFrom)).toList();
        Set<String> emptyIds = new HashSet<>(store.emptyTopicIds(courseId));
        List<CoverageReport.DocumentRef> empty = topics.stream().filter(t -> emptyIds.contains(t.id()))
                .map(t -> ref(t, linkedFrom)).toList();
        List<CoverageReport.DuplicateLink> duplicates = duplicates(agenda);

        CoverageReport.Summary summary = new CoverageReport.Summary(agenda.items().size(),
                counts.getOrDefault(Agenda.Status.LINKED, 0), counts.getOrDefault(Agenda.Status.MISSING, 0),
                counts.getOrDefault(Agenda.Status.EMPTY, 0), counts.getOrDefault(Agenda.Status.EXTERNAL, 0),
                counts.getOrDefault(Agenda.Status.UNLINKED, 0),
                (int) gapList.stream().filter(g -> !g.covered()).count(), broken.links().size(),
                broken.fragments().size(), broken.images().size(), duplicates.size(), orphans.size(),
                notInAgenda.size(), empty.size());
        // Each finding leads to the file to mend on the forge, when the course comes from GitHub or GitLab.
        SourceRow source = stores.sources().find(courseId).orElse(null);
        Function<String, ForgeLinks> forge = path -> ForgeLinks.of(source, path);
        UnaryOperator<List<CoverageReport.BrokenLink>> linked = list -> list.stream()
                .map(b -> b.withForge(forge.apply(b.source()))).toList();
        ForgeLinks agendaFile = forge.apply(LinkCheck.AGENDA);
        return new CoverageReport(courseId, summary, modules,
                gapList.stream().map(g -> g.withForge(agendaFile, forge)).toList(), linked.apply(broken.links()),
                linked.apply(broken.fragments()), linked.apply(broken.images()), duplicates, orphans, notInAgenda,
                empty, externalLinks(courseId), indexRun(courseId));
    }

    private CoverageReport.ModuleCoverage module(String courseId, StoredAgenda.Section s, StoredAgenda.Module m,
                                                 Map<String, DocumentRow> byId, Map<Agenda.Status, Integer> counts,
                                                 List<CoverageReport.Gap> gapList, Set<String> inAgenda) {
        int linked = 0;
        int external = 0;
        int moduleGaps = 0;
        Set<String> material = new HashSet<>();
        for (StoredAgenda.Item stored : m.items()) {
            Agenda.Item item = stored.item();
            counts.merge(item.status(), 1, Integer::sum);
            if (stored.documentId() != null) {
                inAgenda.add(stored.documentId());
                material.add(stored.documentId());
            }
            switch (item.status()) {
                case LINKED -> linked++;
                case EXTERNAL -> external++;
                default -> {
                    moduleGaps++;
                    gapList.add(gap(courseId, s, m, item));
                }
            }
        }
        int words = material.stream().filter(byId::containsKey).mapToInt(id -> byId.get(id).wordCount()).sum();
        int code = material.stream().filter(byId::containsKey).mapToInt(id -> byId.get(id).codeBlockCount()).sum();
        int items = m.items().size();
        return new CoverageReport.ModuleCoverage(s.title(), m.title(), items, linked, external, moduleGaps,
                items == 0 ? 0.0 : Math.round(1000.0 * linked / items) / 1000.0, words, code);
    }

    /** An item without a document, with the topics that likely cover it (none when nothing covers it well). */
    private CoverageReport.Gap gap(String courseId, StoredAgenda.Section s, StoredAgenda.Module m, Agenda.Item item) {
        // The documents the module's other items link: the item is most likely taught from where they are.
        List<String> neighbours = m.items().stream().filter(i -> i.item().status() == Agenda.Status.LINKED)
                .map(i -> i.item().targetPath()).toList();
        List<GapSuggester.Suggestion> found = gaps.suggest(item.title(), neighbours, courseId, SUGGESTIONS);
        List<CoverageReport.Suggestion> suggestions = found.stream()
                .map(g -> new CoverageReport.Suggestion(g.topicId(), g.path(), g.title(), g.confidence(), null))
                .toList();
        // Covered only when the best suggestion is one a trainer would most likely agree with; weaker ones are
        // listed as the closest documents, not as coverage.
        boolean covered = !found.isEmpty() && gaps.covers(found.get(0));
        return new CoverageReport.Gap(s.title(), m.title(), item.title(), item.status().dbName(), item.href(),
                item.targetPath(), item.reason(), covered, suggestions, null, null);
    }

    /** Documents an agenda section links from more than one item. */
    private static List<CoverageReport.DuplicateLink> duplicates(StoredAgenda agenda) {
        List<CoverageReport.DuplicateLink> result = new ArrayList<>();
        for (StoredAgenda.Section s : agenda.sections()) {
            Map<String, List<StoredAgenda.Item>> byTarget = new LinkedHashMap<>();
            for (StoredAgenda.Module m : s.modules()) {
                for (StoredAgenda.Item i : m.items()) {
                    if (i.item().status() == Agenda.Status.LINKED) {
                        byTarget.computeIfAbsent(i.item().targetPath(), k -> new ArrayList<>()).add(i);
                    }
                }
            }
            byTarget.forEach((path, items) -> {
                if (items.size() > 1) {
                    result.add(new CoverageReport.DuplicateLink(s.title(), path, items.get(0).documentId(),
                            items.size(), items.stream().map(i -> i.item().title()).toList()));
                }
            });
        }
        return result;
    }

    private CoverageReport.ExternalLinks externalLinks(String courseId) {
        List<Reference> all = references.list(courseId, null, Integer.MAX_VALUE, 0).items();
        Map<String, Integer> byStatus = new TreeMap<>();
        all.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        return new CoverageReport.ExternalLinks(byStatus, all.stream()
                .filter(r -> r.status().equals("broken") || r.status().equals("error")).toList());
    }

    private CoverageReport.IndexRun indexRun(String courseId) {
        RunStore runs = stores.runs();
        return runs.latestSucceeded(courseId)
                .map(r -> new CoverageReport.IndexRun(r.id(), r.finishedAt(), runs.issues(r.id()).stream()
                        .map(i -> new CoverageReport.Issue(i.path(), i.severity().dbName(), i.reason())).toList()))
                .orElse(null);
    }

    /** Per existing target path, how many distinct other topics link it. */
    private static Map<String, Integer> linkedFrom(List<LinkRow> links, CourseFiles files) {
        Map<String, Set<String>> sources = new HashMap<>();
        for (LinkRow row : links) {
            LinkTarget t = row.link().target();
            if (row.link().image() || t.kind() != LinkTarget.Kind.LOCAL) {
                continue;
            }
            files.existing(t.targetPath()).filter(p -> !p.equals(row.documentPath()))
                    .ifPresent(p -> sources.computeIfAbsent(p, k -> new HashSet<>()).add(row.documentId()));
        }
        Map<String, Integer> counts = new HashMap<>();
        sources.forEach((path, from) -> counts.put(path, from.size()));
        return counts;
    }

    private static CoverageReport.DocumentRef ref(DocumentRow d, Map<String, Integer> linkedFrom) {
        return new CoverageReport.DocumentRef(d.id(), d.path(), d.title(), linkedFrom.getOrDefault(d.path(), 0));
    }
}
