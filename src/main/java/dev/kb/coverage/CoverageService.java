package dev.kb.coverage;

import dev.kb.course.CourseService;
import dev.kb.ingest.Agenda;
import dev.kb.ingest.CourseFiles;
import dev.kb.ingest.LinkTarget;
import dev.kb.store.AgendaStore;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.LinkRow;
import dev.kb.store.RunStore;
import dev.kb.store.StoredAgenda;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/** Compares the agenda with the documents of a course. */
public final class CoverageService {
    private final DSLContext dsl;
    private final CourseService courses;

    public CoverageService(DSLContext dsl, CourseService courses) {
        this.dsl = dsl;
        this.courses = courses;
    }

    public CoverageReport report(String courseId) {
        courses.require(courseId);
        StoredAgenda agenda = new AgendaStore(dsl).read(courseId);
        DocumentStore store = new DocumentStore(dsl);

        Map<Agenda.Status, Integer> counts = new EnumMap<>(Agenda.Status.class);
        List<CoverageReport.ModuleCoverage> modules = new ArrayList<>();
        List<CoverageReport.Gap> gaps = new ArrayList<>();
        Set<String> inAgenda = new HashSet<>();
        for (StoredAgenda.Section s : agenda.sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                int linked = 0;
                int external = 0;
                int moduleGaps = 0;
                for (StoredAgenda.Item stored : m.items()) {
                    Agenda.Item item = stored.item();
                    counts.merge(item.status(), 1, Integer::sum);
                    if (stored.documentId() != null) {
                        inAgenda.add(stored.documentId());
                    }
                    switch (item.status()) {
                        case LINKED -> linked++;
                        case EXTERNAL -> external++;
                        default -> {
                            moduleGaps++;
                            gaps.add(new CoverageReport.Gap(s.title(), m.title(), item.title(), item.status().dbName(),
                                    item.href(), item.targetPath(), item.reason()));
                        }
                    }
                }
                int items = m.items().size();
                modules.add(new CoverageReport.ModuleCoverage(s.title(), m.title(), items, linked, external, moduleGaps,
                        items == 0 ? 0.0 : (double) linked / items));
            }
        }

        Map<String, Integer> linkedFrom = linkedFrom(store.topicLinks(courseId), store.files(courseId));
        List<DocumentRow> topics = store.list(courseId).stream().filter(DocumentRow::isTopic).toList();
        List<CoverageReport.DocumentRef> orphans = topics.stream().filter(t -> !inAgenda.contains(t.id()))
                .map(t -> ref(t, linkedFrom)).toList();
        Set<String> emptyIds = new HashSet<>(store.emptyTopicIds(courseId));
        List<CoverageReport.DocumentRef> empty = topics.stream().filter(t -> emptyIds.contains(t.id()))
                .map(t -> ref(t, linkedFrom)).toList();

        CoverageReport.Summary summary = new CoverageReport.Summary(agenda.items().size(),
                counts.getOrDefault(Agenda.Status.LINKED, 0), counts.getOrDefault(Agenda.Status.MISSING, 0),
                counts.getOrDefault(Agenda.Status.EMPTY, 0), counts.getOrDefault(Agenda.Status.EXTERNAL, 0),
                counts.getOrDefault(Agenda.Status.UNLINKED, 0), orphans.size(), empty.size());
        RunStore runs = new RunStore(dsl);
        CoverageReport.IndexRun run = runs.latestSucceeded(courseId)
                .map(r -> new CoverageReport.IndexRun(r.id(), r.finishedAt(), runs.issues(r.id()).stream()
                        .map(i -> new CoverageReport.Issue(i.path(), i.severity().dbName(), i.reason())).toList()))
                .orElse(null);
        return new CoverageReport(courseId, summary, modules, gaps, orphans, empty, run);
    }

    /** Per existing target path, how many distinct other documents link it. */
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
