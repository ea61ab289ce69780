package dev.kb.coverage;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the agenda promises against what the course delivers. {@code gaps} are agenda items that link no
 * document (unlinked, empty, missing); orphan documents are topics no agenda item links; empty documents
 * have no text or code besides their headings and images.
 */
public record CoverageReport(String course, Summary summary, List<ModuleCoverage> modules, List<Gap> gaps,
                             List<DocumentRef> orphanDocuments, List<DocumentRef> emptyDocuments, IndexRun indexRun) {

    public record Summary(int items, int linked, int missing, int empty, int external, int unlinked,
                          int orphanDocuments, int emptyDocuments) {
    }

    /** {@code covered} is the share of the module's items that link an existing document. */
    public record ModuleCoverage(String section, String module, int items, int linked, int external, int gaps,
                                 double covered) {
    }

    public record Gap(String section, String module, String title, String status, String href, String path,
                      String reason) {
    }

    /** The run the report reflects, with every file it skipped, truncated or repaired. */
    public record IndexRun(long id, OffsetDateTime finishedAt, List<Issue> issues) {
    }

    /** severity: skipped, truncated or warning. */
    public record Issue(String path, String severity, String reason) {
    }

    /** {@code linkedFrom}: how many other documents link this one. */
    public record DocumentRef(String id, String path, String title, int linkedFrom) {
    }
}
