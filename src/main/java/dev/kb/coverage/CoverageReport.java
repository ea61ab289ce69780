package dev.kb.coverage;

import dev.kb.course.ForgeLinks;
import dev.kb.references.Reference;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the agenda promises against what the course delivers, and what is broken on the way.
 * <ul>
 *   <li>{@code gaps}: agenda items that link no document (unlinked, empty, missing), with the topics that most
 *       likely cover them;</li>
 *   <li>{@code brokenLinks}: local links (agenda or documents) to files that do not exist, with the closest
 *       existing file when one is an obvious match; {@code brokenFragments}: links whose {@code #fragment} names
 *       no heading of their target; {@code missingImages}: images that do not exist;</li>
 *   <li>{@code duplicateLinks}: documents an agenda section links more than once;</li>
 *   <li>{@code orphanDocuments}: topics nothing links (neither the agenda nor another topic);
 *       {@code notInAgenda}: topics no agenda item links; {@code emptyDocuments}: a title and images at most;</li>
 *   <li>{@code externalLinks}: the course's external URLs by check status, and those that failed.</li>
 * </ul>
 */
public record CoverageReport(String course, Summary summary, List<ModuleCoverage> modules, List<Gap> gaps,
                             List<BrokenLink> brokenLinks, List<BrokenLink> brokenFragments,
                             List<BrokenLink> missingImages, List<DuplicateLink> duplicateLinks,
                             List<DocumentRef> orphanDocuments, List<DocumentRef> notInAgenda,
                             List<DocumentRef> emptyDocuments, ExternalLinks externalLinks, IndexRun indexRun) {

    public record Summary(int items, int linked, int missing, int empty, int external, int unlinked,
                          int gapsWithoutCoverage, int brokenLinks, int brokenFragments, int missingImages,
                          int duplicateLinks, int orphanDocuments, int notInAgenda, int emptyDocuments) {
    }

    /**
     * {@code covered}: share of the module's items that link an existing file; {@code words} and
     * {@code codeBlocks}: the size of the material behind them.
     */
    public record ModuleCoverage(String section, String module, int items, int linked, int external, int gaps,
                                 double covered, int words, int codeBlocks) {
    }

    /**
     * {@code covered}: whether some topic likely covers the item; {@code suggestions} best first. For a course from
     * GitHub or GitLab, {@code sourceUrl} and {@code editUrl} lead to the agenda file on the forge, where the item
     * is mended (see {@code Topic}); null otherwise.
     */
    public record Gap(String section, String module, String title, String status, String href, String path,
                      String reason, boolean covered, List<Suggestion> suggestions, String sourceUrl,
                      String editUrl) {
        Gap withForge(ForgeLinks agenda, Function<String, ForgeLinks> topics) {
            return new Gap(section, module, title, status, href, path, reason, covered, suggestions.stream()
                    .map(s -> s.withSourceUrl(topics.apply(s.path()).sourceUrl())).toList(), agenda.sourceUrl(),
                    agenda.editUrl());
        }
    }

    /** {@code sourceUrl}: the topic's file on its forge, as the topic has it (null when there is none). */
    public record Suggestion(String topicId, String path, String title, double confidence, String sourceUrl) {
        Suggestion withSourceUrl(String url) {
            return new Suggestion(topicId, path, title, confidence, url);
        }
    }

    /**
     * A link that leads nowhere. {@code source} is the file it is in ("README.md" for the agenda), {@code line}
     * its line (null for agenda items), {@code closest} an existing file it was likely meant to name;
     * {@code sourceUrl} and {@code editUrl}: the file it is in on its forge (GitHub, GitLab), else null.
     */
    public record BrokenLink(String source, Integer line, String text, String href, String target, String closest,
                             String reason, String sourceUrl, String editUrl) {
        BrokenLink withForge(ForgeLinks forge) {
            return new BrokenLink(source, line, text, href, target, closest, reason, forge.sourceUrl(),
                    forge.editUrl());
        }
    }

    public record DuplicateLink(String section, String path, String topicId, int count, List<String> items) {
    }

    /** {@code linkedFrom}: how many other topics link this one. */
    public record DocumentRef(String id, String path, String title, int linkedFrom) {
    }

    /**
     * External URLs as the last link check left them: how many per status (ok, redirected, broken, error,
     * excluded, unchecked) and the broken and failing ones with where they are used.
     */
    public record ExternalLinks(Map<String, Integer> byStatus, List<Reference> failing) {
        public ExternalLinks {
            // By status name, also when read back from the store (jsonb keeps no key order).
            byStatus = new TreeMap<>(byStatus);
        }
    }

    /** The run the report reflects, with every file it skipped, truncated or repaired. */
    public record IndexRun(long id, OffsetDateTime finishedAt, List<Issue> issues) {
    }

    /** severity: skipped, truncated or warning. */
    public record Issue(String path, String severity, String reason) {
    }
}
