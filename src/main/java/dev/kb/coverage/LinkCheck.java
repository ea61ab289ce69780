package dev.kb.coverage;

import dev.kb.model.Agenda;
import dev.kb.model.CourseFiles;
import dev.kb.model.LinkTarget;
import dev.kb.store.LinkRow;
import dev.kb.store.StoredAgenda;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the links of a course that lead nowhere: local targets that do not exist (with the file most likely
 * meant), fragments that name no heading of their target, and images that do not exist.
 */
final class LinkCheck {
    static final String AGENDA = "README.md";

    private final CourseFiles files;
    private final Set<String> allFiles;
    private final Map<String, Set<String>> anchors;

    record Result(List<CoverageReport.BrokenLink> links, List<CoverageReport.BrokenLink> fragments,
                  List<CoverageReport.BrokenLink> images) {
    }

    LinkCheck(CourseFiles files, Map<String, Set<String>> anchors) {
        this.files = files;
        this.anchors = anchors;
        this.allFiles = new java.util.TreeSet<>(files.documents());
        this.allFiles.addAll(files.assets());
    }

    Result check(StoredAgenda agenda, List<LinkRow> links) {
        List<CoverageReport.BrokenLink> broken = new ArrayList<>();
        List<CoverageReport.BrokenLink> fragments = new ArrayList<>();
        List<CoverageReport.BrokenLink> images = new ArrayList<>();
        for (StoredAgenda.Item stored : agenda.items()) {
            Agenda.Item item = stored.item();
            if (item.status() == Agenda.Status.MISSING) {
                broken.add(new CoverageReport.BrokenLink(AGENDA, null, item.title(), item.href(), item.targetPath(),
                        closest(item.targetPath()), item.reason(), null, null));
            } else if (item.status() == Agenda.Status.LINKED) {
                fragment(AGENDA, null, item.title(), item.href(), item.targetPath(), item.fragment())
                        .ifPresent(fragments::add);
            }
        }
        for (LinkRow row : links) {
            LinkTarget t = row.link().target();
            if (t.kind() != LinkTarget.Kind.LOCAL && t.kind() != LinkTarget.Kind.ANCHOR) {
                continue;
            }
            String existing = files.existing(t.targetPath()).orElse(null);
            if (existing == null) {
                String reason = t.problem() != null ? t.problem() : "no such file in the course";
                CoverageReport.BrokenLink b = new CoverageReport.BrokenLink(row.documentPath(), row.link().line(),
                        row.link().text(), row.link().href(), t.targetPath(),
                        t.problem() == null ? closest(t.targetPath()) : null, reason, null, null);
                (row.link().image() ? images : broken).add(b);
            } else if (!row.link().image()) {
                fragment(row.documentPath(), row.link().line(), row.link().text(), row.link().href(), existing,
                        t.fragment()).ifPresent(fragments::add);
            }
        }
        return new Result(List.copyOf(broken), List.copyOf(fragments), List.copyOf(images));
    }

    /** A fragment that names no heading of a markdown target (other targets have no headings to check). */
    private java.util.Optional<CoverageReport.BrokenLink> fragment(String source, Integer line, String text,
                                                                   String href, String target, String fragment) {
        if (fragment == null || !files.isDocument(target) || anchors.getOrDefault(target, Set.of()).contains(fragment)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CoverageReport.BrokenLink(source, line, text, href, target, null,
                "no heading of " + target + " has the anchor #" + fragment, null, null));
    }

    private String closest(String target) {
        return ClosestFile.to(target, allFiles).orElse(null);
    }
}
