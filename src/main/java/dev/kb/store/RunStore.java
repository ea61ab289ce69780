package dev.kb.store;

import static dev.kb.store.jooq.Tables.INDEX_RUN;
import static dev.kb.store.jooq.Tables.INDEX_RUN_CHANGE;
import static dev.kb.store.jooq.Tables.INDEX_RUN_ISSUE;

import dev.kb.model.RunIssue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;

/**
 * Index runs. A run is recorded as running before its transaction starts and finished inside it, so the
 * data and the "succeeded" mark commit together, and a run that dies leaves a visible trace.
 */
public final class RunStore {
    private final DSLContext dsl;

    public RunStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Counts(int scanned, int parsed, int unchanged, int removed) {
    }

    public long start(String courseId) {
        return dsl.insertInto(INDEX_RUN)
                .set(INDEX_RUN.COURSE_ID, courseId)
                .set(INDEX_RUN.STARTED_AT, now())
                .set(INDEX_RUN.STATE, "running")
                .returning(INDEX_RUN.ID)
                .fetchOne(INDEX_RUN.ID);
    }

    public void succeed(long runId, Counts counts, List<RunIssue> issues) {
        dsl.update(INDEX_RUN)
                .set(INDEX_RUN.STATE, "succeeded")
                .set(INDEX_RUN.FINISHED_AT, now())
                .set(INDEX_RUN.FILES_SCANNED, counts.scanned())
                .set(INDEX_RUN.FILES_PARSED, counts.parsed())
                .set(INDEX_RUN.FILES_UNCHANGED, counts.unchanged())
                .set(INDEX_RUN.FILES_REMOVED, counts.removed())
                .where(INDEX_RUN.ID.eq(runId))
                .execute();
        var insert = dsl.insertInto(INDEX_RUN_ISSUE, INDEX_RUN_ISSUE.RUN_ID, INDEX_RUN_ISSUE.ORD,
                INDEX_RUN_ISSUE.PATH, INDEX_RUN_ISSUE.SEVERITY, INDEX_RUN_ISSUE.REASON);
        for (int i = 0; i < issues.size(); i++) {
            RunIssue issue = issues.get(i);
            insert = insert.values(runId, i, issue.path(), issue.severity().dbName(), issue.reason());
        }
        if (!issues.isEmpty()) {
            insert.execute();
        }
    }

    public void fail(long runId, String error) {
        dsl.update(INDEX_RUN)
                .set(INDEX_RUN.STATE, "failed")
                .set(INDEX_RUN.FINISHED_AT, now())
                .set(INDEX_RUN.ERROR, error)
                .where(INDEX_RUN.ID.eq(runId))
                .execute();
    }

    /** Runs still marked running when kb starts were cut off (killed, crashed): they failed. */
    public int failInterrupted() {
        return dsl.update(INDEX_RUN)
                .set(INDEX_RUN.STATE, "failed")
                .set(INDEX_RUN.FINISHED_AT, now())
                .set(INDEX_RUN.ERROR, "interrupted: kb stopped before the run finished")
                .where(INDEX_RUN.STATE.eq("running"))
                .execute();
    }

    public Optional<IndexRunRow> latestSucceeded(String courseId) {
        return dsl.select(INDEX_RUN.ID, INDEX_RUN.COURSE_ID, INDEX_RUN.STARTED_AT, INDEX_RUN.FINISHED_AT,
                        INDEX_RUN.STATE, INDEX_RUN.FILES_SCANNED, INDEX_RUN.FILES_PARSED, INDEX_RUN.FILES_UNCHANGED,
                        INDEX_RUN.FILES_REMOVED, INDEX_RUN.ERROR)
                .from(INDEX_RUN)
                .where(INDEX_RUN.COURSE_ID.eq(courseId).and(INDEX_RUN.STATE.eq("succeeded")))
                .orderBy(INDEX_RUN.ID.desc())
                .limit(1)
                .fetchOptional(Records.mapping(IndexRunRow::new));
    }

    /** Each course's newest succeeded run, in one query (health checks and every run's announcement ask). */
    public Map<String, Long> latestSucceededRuns() {
        return dsl.select(INDEX_RUN.COURSE_ID, DSL.max(INDEX_RUN.ID)).from(INDEX_RUN)
                .where(INDEX_RUN.STATE.eq("succeeded"))
                .groupBy(INDEX_RUN.COURSE_ID)
                .fetchMap(INDEX_RUN.COURSE_ID, DSL.max(INDEX_RUN.ID));
    }

    /** The course's newest succeeded run before {@code runId}: the state a run's changes are relative to. */
    public Optional<Long> succeededBefore(String courseId, long runId) {
        return dsl.select(INDEX_RUN.ID).from(INDEX_RUN)
                .where(INDEX_RUN.COURSE_ID.eq(courseId).and(INDEX_RUN.STATE.eq("succeeded")).and(INDEX_RUN.ID.lt(runId)))
                .orderBy(INDEX_RUN.ID.desc())
                .limit(1)
                .fetchOptional(INDEX_RUN.ID);
    }

    /** What a run changed in the search documents: the topics to write again and to delete, or a course rebuild. */
    public record Changes(boolean rebuild, Set<String> changed, Set<String> removed) {
    }

    /** Records what the run changed, in its publishing transaction. */
    void recordChanges(long runId, Changes changes) {
        dsl.insertInto(INDEX_RUN_CHANGE)
                .set(INDEX_RUN_CHANGE.RUN_ID, runId)
                .set(INDEX_RUN_CHANGE.REBUILD, changes.rebuild())
                .set(INDEX_RUN_CHANGE.CHANGED, changes.changed().toArray(String[]::new))
                .set(INDEX_RUN_CHANGE.REMOVED, changes.removed().toArray(String[]::new))
                .execute();
    }

    /**
     * What the course's succeeded runs after {@code held} up to {@code newest} changed together, or empty when one of
     * them rebuilt the course or recorded nothing: then only a rebuild brings an index holding {@code held} up to
     * {@code newest}. A topic changed by one run and removed by a later one is in both sets: deleting first and then
     * writing what the database holds now leaves it right either way.
     */
    public Optional<Changes> changesBetween(String courseId, long held, long newest) {
        var rows = dsl.select(INDEX_RUN.ID, INDEX_RUN_CHANGE.REBUILD, INDEX_RUN_CHANGE.CHANGED, INDEX_RUN_CHANGE.REMOVED)
                .from(INDEX_RUN).leftJoin(INDEX_RUN_CHANGE).on(INDEX_RUN_CHANGE.RUN_ID.eq(INDEX_RUN.ID))
                .where(INDEX_RUN.COURSE_ID.eq(courseId).and(INDEX_RUN.STATE.eq("succeeded"))
                        .and(INDEX_RUN.ID.gt(held)).and(INDEX_RUN.ID.le(newest)))
                .orderBy(INDEX_RUN.ID)
                .fetch();
        Set<String> changed = new HashSet<>();
        Set<String> removed = new HashSet<>();
        for (var row : rows) {
            if (row.value2() == null || row.value2()) {
                return Optional.empty();
            }
            changed.addAll(Arrays.asList(row.value3()));
            removed.addAll(Arrays.asList(row.value4()));
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Changes(false, changed, removed));
    }

    public List<RunIssue> issues(long runId) {
        return dsl.select(INDEX_RUN_ISSUE.PATH, INDEX_RUN_ISSUE.SEVERITY, INDEX_RUN_ISSUE.REASON)
                .from(INDEX_RUN_ISSUE)
                .where(INDEX_RUN_ISSUE.RUN_ID.eq(runId))
                .orderBy(INDEX_RUN_ISSUE.ORD)
                .fetch(r -> new RunIssue(r.value1(), RunIssue.Severity.fromDb(r.value2()), r.value3()));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
