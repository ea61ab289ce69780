package dev.kb.store;

import dev.kb.model.Agenda;
import dev.kb.model.CourseFiles;
import dev.kb.model.RunIssue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Publishes an index run in one transaction: documents, assets, agenda, handout marks, prerequisite graph and the
 * run's "succeeded" mark commit together, so a run that fails leaves the previous state whole and the search index
 * follows only a committed run. The course-wide steps (which documents are handouts, which topics come before which)
 * are given by the caller as functions: the store decides when they run, not how.
 */
public final class RunPublisher {
    /** Documents per group of JDBC batches: large enough to save round trips, small enough to bound memory. */
    private static final int WRITE_BATCH = 500;

    /** The channel a published run is announced on ({@code course:run}), for the other kb processes on the database. */
    public static final String CHANNEL = "kb_runs";

    private final DSLContext dsl;

    RunPublisher(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What the course-wide steps read: the course as the run leaves it, inside the run's transaction. */
    public record CourseSnapshot(List<DocumentRow> topics, StoredAgenda agenda, List<LinkRow> links, CourseFiles files,
                                 Map<String, TopicProse> prose) {
    }

    /**
     * @param handouts      the ids of the handouts among the topics' texts (by id)
     * @param prerequisites the prerequisite edges of a course
     */
    public record CourseWideSteps(Function<Map<String, String>, Set<String>> handouts,
                                  Function<CourseSnapshot, List<PrerequisiteRow>> prerequisites) {
    }

    /**
     * One run's changes.
     *
     * @param linkable        the agenda targets stored as links to documents
     * @param documentsChanged a document was written or removed: handouts are decided again
     * @param agendaChanged   the agenda or the set of files changed: its statuses may have
     * @param inferGraph      infer the graph again (it follows from the documents and the agenda alone)
     * @param search          the topics the run wrote and removed, and whether the course's search documents are
     *                        rebuilt (a full run)
     */
    public record Run(long runId, String courseId, String rootPath, List<NewDocument> written, Set<String> removedPaths,
                      Map<String, Long> assets, Agenda agenda, Predicate<String> linkable, CourseFiles files,
                      boolean documentsChanged, boolean agendaChanged, boolean inferGraph, RunStore.Counts counts,
                      List<RunIssue> issues, RunStore.Changes search) {
    }

    /**
     * @param handoutChanges topics whose handout verdict flipped
     * @param agendaTopics   topics the agenda linked before or links now, when it changed (their module may have)
     * @param search         what the course's search documents must change: the topics whose text changed, those the
     *                       agenda change touched and those whose handout verdict flipped (not the whole course),
     *                       and the removed ones; recorded with the run for the processes that follow it
     */
    public record Published(Set<String> handoutChanges, Set<String> agendaTopics, RunStore.Changes search) {
    }

    /** @param courseWide told when the run's own writes are done and the course-wide steps begin (progress) */
    public Published publish(Run run, CourseWideSteps steps, Runnable courseWide) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return dsl.transactionResult(cfg -> {
            Stores tx = new Stores(cfg.dsl());
            String courseId = run.courseId();
            tx.courses().upsert(courseId, run.agenda().title(), run.rootPath(), now);
            DocumentStore docs = tx.documents();
            docs.delete(courseId, run.removedPaths());
            List<NewDocument> written = run.written();
            for (int i = 0; i < written.size(); i += WRITE_BATCH) {
                docs.writeAll(courseId, written.subList(i, Math.min(written.size(), i + WRITE_BATCH)), now);
            }
            docs.replaceAssets(courseId, run.assets());
            courseWide.run();
            // Whether a document is a handout depends on all the others: decided again whenever one changes.
            Set<String> flipped = run.documentsChanged()
                    ? docs.markHandouts(courseId, steps.handouts().apply(docs.topicTexts(courseId)))
                    : Set.of();
            Set<String> agendaTopics = new HashSet<>();
            if (run.agendaChanged()) {
                agendaTopics.addAll(tx.agenda().read(courseId).linkedDocumentIds());
            }
            tx.agenda().replace(courseId, run.agenda(), run.linkable());
            StoredAgenda agenda = tx.agenda().read(courseId);
            if (run.agendaChanged()) {
                agendaTopics.addAll(agenda.linkedDocumentIds());
            }
            if (run.inferGraph()) {
                List<DocumentRow> topics = docs.list(courseId).stream().filter(DocumentRow::isTopic).toList();
                tx.graph().replace(courseId, steps.prerequisites().apply(new CourseSnapshot(topics, agenda,
                        docs.topicLinks(courseId), run.files(), docs.topicProse(courseId))));
            }
            Set<String> touched = new HashSet<>(run.search().changed());
            touched.addAll(flipped);
            agendaTopics.stream().filter(id -> !run.search().removed().contains(id)).forEach(touched::add);
            RunStore.Changes search = new RunStore.Changes(run.search().rebuild(), touched, run.search().removed());
            // A rebuild's topics are the whole course: followers rebuild too, and need no list of them.
            tx.runs().recordChanges(run.runId(), search.rebuild() ? new RunStore.Changes(true, Set.of(), Set.of())
                    : search);
            tx.runs().succeed(run.runId(), run.counts(), run.issues());
            // Delivered when the transaction commits, and only then: a failed run announces nothing.
            cfg.dsl().select(DSL.function("pg_notify", SQLDataType.OTHER, DSL.inline(CHANNEL),
                    DSL.val(courseId + ":" + run.runId()))).fetch();
            return new Published(flipped, agendaTopics, search);
        });
    }
}
