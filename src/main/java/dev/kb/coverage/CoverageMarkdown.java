package dev.kb.coverage;

import static dev.kb.common.MarkdownText.code;
import static dev.kb.common.MarkdownText.text;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The coverage report as markdown: for a trainer to read in the terminal or paste into an issue. Every string
 * from the course (paths, titles, link texts, URLs, reasons) goes through {@link dev.kb.common.MarkdownText}:
 * paths and links as code spans, the rest as escaped text, so no file name or heading becomes markup.
 */
public final class CoverageMarkdown {
    private CoverageMarkdown() {
    }

    public static String render(CoverageReport r) {
        StringBuilder md = new StringBuilder();
        CoverageReport.Summary s = r.summary();
        md.append("# Coverage of ").append(text(r.course())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Agenda items", s.items() + " (" + s.linked() + " linked, " + s.missing() + " missing, " + s.empty()
                + " empty, " + s.external() + " external, " + s.unlinked() + " unlinked)");
        row(md, "Items no topic covers", Integer.toString(s.gapsWithoutCoverage()));
        row(md, "Broken links", Integer.toString(s.brokenLinks()));
        row(md, "Links to missing headings", Integer.toString(s.brokenFragments()));
        row(md, "Missing images", Integer.toString(s.missingImages()));
        row(md, "Documents linked twice in one section", Integer.toString(s.duplicateLinks()));
        row(md, "Orphan documents (linked by nothing)", Integer.toString(s.orphanDocuments()));
        row(md, "Documents not in the agenda", Integer.toString(s.notInAgenda()));
        row(md, "Empty documents", Integer.toString(s.emptyDocuments()));
        row(md, "External links", r.externalLinks().byStatus().isEmpty() ? "none"
                : String.join(", ", r.externalLinks().byStatus().entrySet().stream()
                        .map(e -> e.getValue() + " " + text(e.getKey())).toList()));

        md.append("\n## Modules\n\n| Section | Module | Items | Linked | External | Covered | Words | Code blocks |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (CoverageReport.ModuleCoverage m : r.modules()) {
            md.append("| ").append(text(m.section())).append(" | ").append(text(m.module())).append(" | ")
                    .append(m.items()).append(" | ").append(m.linked()).append(" | ").append(m.external()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f%%", m.covered() * 100)).append(" | ").append(m.words())
                    .append(" | ").append(m.codeBlocks()).append(" |\n");
        }

        section(md, "Agenda items without a document", r.gaps(), g -> "**" + text(g.section() + " › " + g.module()
                + " › " + g.title()) + "** (" + text(g.status()) + "): " + (g.suggestions().isEmpty()
                ? "nothing in the course covers it."
                : (g.covered() ? "likely covered by " : "not covered; the closest documents: ") + String.join(", ", g.suggestions().stream().map(x -> onForge(code(x.path()),
                x.sourceUrl()) + " (" + String.format(Locale.ROOT, "%.2f", x.confidence()) + ")").toList()) + ".")
                + edit(g.editUrl()));
        section(md, "Broken links", r.brokenLinks(), CoverageMarkdown::broken);
        section(md, "Links to missing headings", r.brokenFragments(), CoverageMarkdown::broken);
        section(md, "Missing images", r.missingImages(), CoverageMarkdown::broken);
        section(md, "Documents linked twice in one section", r.duplicateLinks(), d -> code(d.path()) + ": "
                + d.count() + " times in " + text(d.section()) + " (" + text(String.join("; ", d.items())) + ")");
        section(md, "Orphan documents (linked by nothing)", r.orphanDocuments(), CoverageMarkdown::document);
        section(md, "Empty documents", r.emptyDocuments(), CoverageMarkdown::document);
        section(md, "Documents not in the agenda", r.notInAgenda(), CoverageMarkdown::document);
        section(md, "External links that fail", r.externalLinks().failing(), x -> code(x.url())
                + " — " + text(x.status()) + (x.error() == null ? "" : ": " + text(x.error())) + "; used in "
                + String.join(", ", x.usages().stream().map(u -> code(u.path())).distinct().toList()));
        if (r.indexRun() != null) {
            section(md, "Files the index run skipped, truncated or repaired", r.indexRun().issues(),
                    i -> code(i.path()) + " (" + text(i.severity()) + "): " + text(i.reason()));
        }
        return md.toString();
    }

    /** Where the link is and the link as written: in a code span, so it reads as the source did. */
    private static String broken(CoverageReport.BrokenLink b) {
        String link = "[" + b.text() + "](" + (b.href() == null ? "" : b.href()) + ")";
        return onForge(code(b.source()), b.sourceUrl()) + (b.line() == null ? "" : " line " + b.line()) + ": "
                + code(link) + " — " + text(b.reason()) + (b.closest() == null ? "" : "; did you mean "
                + code(b.closest()) + "?") + edit(b.editUrl());
    }

    /** The label linked to the file on its forge, when the course comes from one (the URL is percent-encoded). */
    private static String onForge(String label, String url) {
        return url == null ? label : "[" + label + "](" + url + ")";
    }

    private static String edit(String url) {
        return url == null ? "" : " ([edit](" + url + "))";
    }

    private static String document(CoverageReport.DocumentRef d) {
        return code(d.path()) + " — " + text(d.title());
    }

    private static <T> void section(StringBuilder md, String title, List<T> entries, Function<T, String> line) {
        md.append("\n## ").append(title).append(" (").append(entries.size()).append(")\n\n");
        if (entries.isEmpty()) {
            md.append("None.\n");
        }
        for (T entry : entries) {
            md.append("- ").append(line.apply(entry)).append('\n');
        }
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
