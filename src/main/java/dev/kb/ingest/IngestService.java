package dev.kb.ingest;

import dev.kb.common.Errors;
import dev.kb.ingest.SourceReader.Loaded;
import dev.kb.model.Agenda;
import dev.kb.model.CourseFiles;
import dev.kb.model.ParsedDocument;
import dev.kb.model.RunIssue;
import dev.kb.model.TopicIds;
import dev.kb.store.DocumentStore;
import dev.kb.store.NewDocument;
import dev.kb.store.RunPublisher;
import dev.kb.store.RunStore;
import dev.kb.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One index run of one course: scan the directory, parse what changed, and hand documents and agenda to the store's
 * {@link RunPublisher}, which writes them with the course-wide verdicts (handouts, prerequisite graph) in a single
 * transaction, so a failed run leaves the previous state whole. Never touches Lucene.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private final Stores stores;
    private final IngestLimits limits;
    private final SourceReader reader;
    private final RunPublisher.CourseWideSteps courseWide;
    /** The stored parser version also covers the limits: changing a limit parses every file again. */
    private final int parserVersion;
    private final RunFailures failures;

    /**
     * @param courseWide how the course-wide verdicts are reached (handout detection, prerequisite inference): given
     *                   by the wiring, so ingest depends on neither
     */
    public IngestService(Stores stores, IngestLimits limits, RunPublisher.CourseWideSteps courseWide) {
        this.parserVersion = ParserVersion.of(limits);
        this.stores = stores;
        this.limits = limits;
        this.reader = new SourceReader(limits);
        this.courseWide = courseWide;
        this.failures = new RunFailures(stores.runs());
    }

    private record Parsed(NewDocument document, List<RunIssue> issues) {
    }

    public IndexRunReport index(String courseId, Path courseRoot) {
        return index(courseId, courseRoot, false, IndexProgress.NONE, null, run -> { });
    }

    /**
     * @param full         parse every file again, whatever its hash (and rebuild the course's search documents):
     *                     for when something outside the files changed, or to be sure
     * @param changed      the course-relative paths known to differ from what the course's last run stored (a git
     *                     diff between the commit it read and the one checked out now): the other files the last
     *                     run stored are taken as unchanged, without reading them. Null: not known, every file is
     *                     read and its hash compared
     * @param searchUpdate told once the run is committed: the topics to index again (or to rebuild them all)
     */
    public IndexRunReport index(String courseId, Path courseRoot, boolean full, IndexProgress progress,
                                Set<String> changed, Consumer<IndexRunReport> searchUpdate) {
        // Another kb process on the database may be indexing this course: runs of one course take turns.
        Set<String> known = full || changed == null ? null : changed.stream()
                .map(p -> Normalizer.normalize(p, Normalizer.Form.NFC)).collect(Collectors.toSet());
        return stores.courseLocks().exclusively(courseId,
                () -> indexLocked(courseId, courseRoot, full, progress, known, searchUpdate));
    }

    private IndexRunReport indexLocked(String courseId, Path courseRoot, boolean full, IndexProgress progress,
                                       Set<String> changed, Consumer<IndexRunReport> searchUpdate) {
        long started = System.nanoTime();
        failures.flush();
        long runId = stores.runs().start(courseId);
        try {
            IndexRunReport report = run(runId, courseId, courseRoot, started, full, progress, changed, searchUpdate);
            LOG.debug("indexed {}: {} files, {} parsed, {} unchanged, {} removed, {} issues in {} ms", courseId,
                    report.filesScanned(), report.filesParsed(), report.filesUnchanged(), report.filesRemoved(),
                    report.issues().size(), report.elapsed().toMillis());
            return report;
        } catch (IOException | RuntimeException e) {
            // One line naming the cause: the driver's own message would repeat the failed batch with course text.
            String message = Errors.describe(e);
            // The database that failed the run may not take its failure either (it went away): then the failure
            // is written once it answers again.
            failures.record(runId, message);
            throw new IngestFailed("indexing " + courseId + " failed: " + message, e);
        }
    }

    /**
     * What parsing found in a file (a cut, a fallback to plain text) still holds while the file is unchanged: the
     * last run's finding for an unchanged file is reported again, so the coverage report does not lose it.
     */
    private static void carryOverParseIssues(RunStore runs, String courseId, Set<String> present, List<Loaded> changed,
                                             List<RunIssue> issues) {
        Set<String> unchanged = new HashSet<>(present);
        changed.forEach(l -> unchanged.remove(l.source().path()));
        if (unchanged.isEmpty()) {
            return;
        }
        Set<RunIssue> known = new HashSet<>(issues);
        runs.latestSucceeded(courseId).ifPresent(last -> runs.issues(last.id()).stream()
                .filter(i -> unchanged.contains(i.path()) && known.add(i))
                .forEach(issues::add));
    }

    private IndexRunReport run(long runId, String courseId, Path courseRoot, long started, boolean full,
                               IndexProgress progress, Set<String> known, Consumer<IndexRunReport> searchUpdate)
            throws IOException {
        progress.update("scan", 0, 0);
        CourseScanner.Scan scan = CourseScanner.scan(courseRoot);
        List<RunIssue> issues = new ArrayList<>(scan.issues());

        Map<String, DocumentStore.StoredVersion> stored = stores.documents().versions(courseId);
        Map<String, Loaded> documents = new TreeMap<>();
        CourseRoot root = new CourseRoot(scan.root());
        AtomicInteger read = new AtomicInteger();
        for (Loaded l : scan.markdown().parallelStream()
                .map(f -> {
                    DocumentStore.StoredVersion unchanged = unchangedByDiff(scan.root(), f, stored, known);
                    if (unchanged != null) {
                        return Loaded.unchanged(f, unchanged.contentHash());
                    }
                    read.incrementAndGet();
                    return reader.bound(forgetUnchangedText(reader.load(root, scan.root().relativize(f.file()), f),
                            stored, full));
                })
                .toList()) {
            issues.addAll(l.issues());
            if (l.usable()) {
                documents.put(l.source().path(), l);
            }
        }
        Map<String, Long> assets = new TreeMap<>();
        scan.assets().forEach(a -> assets.put(a.path(), a.size()));
        CourseFiles files = new CourseFiles(documents.keySet(), assets.keySet());
        String agendaPath = agendaPath(documents.keySet());
        if (agendaPath == null) {
            issues.add(new RunIssue(AgendaParser.AGENDA_PATH, RunIssue.Severity.WARNING,
                    "no README.md at the course root: the course has no agenda"));
        }

        List<Loaded> changed = documents.values().stream()
                .filter(l -> full || isChanged(stored.get(l.source().path()), l.hash()))
                .toList();
        Set<String> removedPaths = new HashSet<>(stored.keySet());
        removedPaths.removeAll(documents.keySet());

        List<NewDocument> parsed = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        progress.update("parse", 0, changed.size());
        for (Parsed p : changed.parallelStream().map(l -> {
            Parsed result = parse(l, l.source().path().equals(agendaPath));
            progress.update("parse", done.incrementAndGet(), changed.size());
            return result;
        }).toList()) {
            parsed.add(p.document());
            issues.addAll(p.issues());
        }
        carryOverParseIssues(stores.runs(), courseId, documents.keySet(), changed, issues);

        String folderName = scan.root().getFileName() == null ? courseId : scan.root().getFileName().toString();
        Agenda agenda = agendaPath == null ? new Agenda(folderName, List.of())
                : AgendaParser.parse(documents.get(agendaPath).text(), folderName, files);

        Set<String> changedIds = new HashSet<>();
        parsed.forEach(d -> changedIds.add(TopicIds.of(courseId, d.path())));
        Set<String> removedIds = new HashSet<>();
        removedPaths.forEach(p -> removedIds.add(TopicIds.of(courseId, p)));
        // Agenda statuses depend on which files exist, so any added or removed file can change them.
        boolean agendaChanged = !removedPaths.isEmpty()
                || changed.stream().anyMatch(l -> !stored.containsKey(l.source().path()))
                || (agendaPath != null && changedIds.contains(TopicIds.of(courseId, agendaPath)));
        boolean anyChange = !parsed.isEmpty() || !removedPaths.isEmpty();

        progress.update("store", 0, 0);
        RunStore.Counts counts = new RunStore.Counts(scan.files().size(), parsed.size(),
                documents.size() - changed.size(), removedPaths.size());
        // The graph follows from the documents and the agenda alone: when neither changed, it stands (a full run
        // infers it again, for when the graph settings changed).
        RunPublisher.Published published = stores.publisher().publish(new RunPublisher.Run(runId, courseId,
                        scan.root().toString(), parsed, removedPaths, assets, agenda,
                        p -> files.isDocument(p) && !p.equals(agendaPath), files, anyChange, agendaChanged,
                        full || anyChange || agendaChanged, counts, issues,
                        new RunStore.Changes(full, changedIds, removedIds)),
                courseWide, () -> progress.update("course-wide", 0, 0));
        // The search index updates the topics whose text changed, those the agenda change touched, and those whose
        // handout verdict changed (handouts rank after topics): not the whole course.
        progress.update("search index", 0, 0);
        searchUpdate.accept(report(runId, courseId, agenda, counts, issues, published.search().changed(), removedIds,
                full, started, read.get()));
        return report(runId, courseId, agenda, counts, issues, changedIds, removedIds, full, started, read.get());
    }

    private static IndexRunReport report(long runId, String courseId, Agenda agenda, RunStore.Counts counts,
                                         List<RunIssue> issues, Set<String> changed, Set<String> removed,
                                         boolean rebuild, long started, int read) {
        return new IndexRunReport(runId, courseId, agenda.title(), counts.scanned(), counts.parsed(),
                counts.unchanged(), counts.removed(), List.copyOf(issues), Set.copyOf(changed), Set.copyOf(removed),
                rebuild, Duration.ofNanos(System.nanoTime() - started), read);
    }

    /**
     * The stored version of a markdown file the diff says is unchanged, or null when the file must be read: the
     * diff is unknown, names the file, or cannot speak for it. It cannot for a file the last run did not store (or
     * parsed with another parser version), for a link (its target may have changed under another name), or for
     * the agenda (its text is parsed on every run).
     */
    private DocumentStore.StoredVersion unchangedByDiff(Path root, CourseScanner.SourceFile f,
                                                        Map<String, DocumentStore.StoredVersion> stored,
                                                        Set<String> known) {
        if (known == null || known.contains(f.path()) || mayBeAgenda(f.path())) {
            return null;
        }
        DocumentStore.StoredVersion version = stored.get(f.path());
        boolean link = !f.file().equals(root.resolve(f.path()));
        return version == null || version.parserVersion() != parserVersion || link ? null : version;
    }

    private static boolean mayBeAgenda(String path) {
        return path.indexOf('/') < 0 && path.equalsIgnoreCase(AgendaParser.AGENDA_PATH);
    }

    /**
     * An unchanged file's text is not needed again (only its hash is), except the agenda's: dropping it at once
     * keeps a re-index of a large course from holding the whole course in memory.
     */
    private Loaded forgetUnchangedText(Loaded l, Map<String, DocumentStore.StoredVersion> stored, boolean full) {
        String path = l.source().path();
        if (full || !l.usable() || mayBeAgenda(path) || isChanged(stored.get(path), l.hash())) {
            return l;
        }
        return l.withoutText();
    }

    private boolean isChanged(DocumentStore.StoredVersion stored, String hash) {
        return stored == null || !stored.contentHash().equals(hash) || stored.parserVersion() != parserVersion;
    }

    /** The course root's README.md; a differently cased readme.md only when there is no exact match. */
    private static String agendaPath(Set<String> paths) {
        if (paths.contains(AgendaParser.AGENDA_PATH)) {
            return AgendaParser.AGENDA_PATH;
        }
        return paths.stream().filter(p -> p.indexOf('/') < 0 && p.equalsIgnoreCase(AgendaParser.AGENDA_PATH))
                .findFirst().orElse(null);
    }

    /** Parses one file; markdown flexmark cannot handle is still stored, as plain text, and reported. */
    private Parsed parse(Loaded l, boolean isAgenda) {
        String path = l.source().path();
        ParsedDocument parsed;
        List<RunIssue> issues = new ArrayList<>();
        try {
            parsed = DocumentParser.parse(path, l.text());
        } catch (RuntimeException | StackOverflowError e) {
            parsed = DocumentParser.plainText(path, l.text());
            issues.add(new RunIssue(path, RunIssue.Severity.WARNING, "could not be parsed as markdown: stored as plain text"));
        }
        int maxLinks = limits.maxLinksPerDocument();
        if (parsed.links().size() > maxLinks) {
            issues.add(new RunIssue(path, RunIssue.Severity.TRUNCATED, "more than " + maxLinks + " links ("
                    + parsed.links().size() + "): only the first " + maxLinks + " are kept"));
            parsed = parsed.withLinks(parsed.links().subList(0, maxLinks));
        }
        return new Parsed(new NewDocument(path, isAgenda ? "agenda" : "topic", l.hash(), parserVersion,
                (int) Math.min(Integer.MAX_VALUE, l.source().size()), l.text(), parsed), List.copyOf(issues));
    }

    /** Stops retrying to record failed runs; one still unrecorded is marked interrupted at the next start. */
    @Override
    public void close() {
        failures.close();
    }
}
