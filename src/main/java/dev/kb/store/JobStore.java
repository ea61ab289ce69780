package dev.kb.store;

import static dev.kb.store.jooq.Tables.JOB;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Jobs of every kb process on the database. A process holds its unfinished jobs by a lease it renews; a job whose
 * lease ended is failed by whoever notices (its process died, or lost PostgreSQL for longer than the lease). A job's
 * end is recorded once: a process that comes back to a job already failed for it does not overwrite that verdict,
 * which a client may have acted on (by asking again).
 */
public final class JobStore {
    /** What a job whose process stopped holding it says: the client's remedy included. */
    public static final String EXPIRED = "the kb process running the job stopped before it finished (its lease "
            + "expired); request the job again";

    private final DSLContext dsl;

    JobStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(String id, String kind, String courseId, String owner, Duration lease) {
        dsl.insertInto(JOB)
                .set(JOB.ID, id)
                .set(JOB.KIND, kind)
                .set(JOB.COURSE_ID, courseId)
                .set(JOB.STATE, "queued")
                .set(JOB.OWNER, owner)
                .set(JOB.LEASE_UNTIL, leaseEnd(lease))
                .set(JOB.SUBMITTED_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    public Optional<JobRow> find(String id) {
        return dsl.select(JOB.ID, JOB.KIND, JOB.COURSE_ID, JOB.STATE, JOB.PROGRESS_PHASE, JOB.PROGRESS_DONE,
                        JOB.PROGRESS_TOTAL, JOB.SUBMITTED_AT, JOB.STARTED_AT, JOB.FINISHED_AT, JOB.RUN_ID,
                        JOB.FILES_SCANNED, JOB.FILES_PARSED, JOB.FILES_UNCHANGED, JOB.FILES_REMOVED, JOB.ISSUES,
                        JOB.ERROR)
                .from(JOB).where(JOB.ID.eq(id))
                .fetchOptional(Records.mapping(JobRow::new));
    }

    /** The id of the owner's queued job of this kind for the course, if it has one. */
    public Optional<String> queued(String owner, String kind, String courseId) {
        return dsl.select(JOB.ID).from(JOB)
                .where(JOB.OWNER.eq(owner).and(JOB.STATE.eq("queued")).and(JOB.KIND.eq(kind))
                        .and(JOB.COURSE_ID.eq(courseId)))
                .orderBy(JOB.SUBMITTED_AT).limit(1).fetchOptional(JOB.ID);
    }

    /** Marks the job running; false when it was failed meanwhile (its lease expired while it waited). */
    public boolean start(String id) {
        return dsl.update(JOB)
                .set(JOB.STATE, "running")
                .set(JOB.STARTED_AT, DSL.currentOffsetDateTime())
                .set(JOB.PROGRESS_PHASE, "scan").set(JOB.PROGRESS_DONE, 0).set(JOB.PROGRESS_TOTAL, 0)
                .where(JOB.ID.eq(id).and(unfinished()))
                .execute() == 1;
    }

    public void progress(String id, String phase, int done, int total) {
        dsl.update(JOB)
                .set(JOB.PROGRESS_PHASE, phase).set(JOB.PROGRESS_DONE, done).set(JOB.PROGRESS_TOTAL, total)
                .where(JOB.ID.eq(id).and(unfinished()))
                .execute();
    }

    /** A job that succeeded; {@code runId} null when it found nothing to index. */
    public void succeed(String id, Long runId, int scanned, int parsed, int unchanged, int removed, int issues) {
        var update = dsl.update(JOB)
                .set(JOB.STATE, "succeeded")
                .set(JOB.FINISHED_AT, DSL.currentOffsetDateTime())
                .setNull(JOB.PROGRESS_PHASE).setNull(JOB.PROGRESS_DONE).setNull(JOB.PROGRESS_TOTAL);
        if (runId != null) {
            update = update.set(JOB.RUN_ID, runId).set(JOB.FILES_SCANNED, scanned).set(JOB.FILES_PARSED, parsed)
                    .set(JOB.FILES_UNCHANGED, unchanged).set(JOB.FILES_REMOVED, removed).set(JOB.ISSUES, issues);
        }
        update.where(JOB.ID.eq(id).and(unfinished())).execute();
    }

    public void fail(String id, String error) {
        fail(JOB.ID.eq(id).and(unfinished()), error);
    }

    /** Fails the owner's unfinished jobs (a process stopping with jobs it will not run). */
    public int failOwned(String owner, String error) {
        return fail(JOB.OWNER.eq(owner).and(unfinished()), error);
    }

    /** Extends the leases of the owner's unfinished jobs: they are still being worked on or waited for. */
    public void renew(String owner, Duration lease) {
        dsl.update(JOB).set(JOB.LEASE_UNTIL, leaseEnd(lease))
                .where(JOB.OWNER.eq(owner).and(unfinished()))
                .execute();
    }

    /** Fails the unfinished jobs whose lease ended ({@code id} null: all of them); how many. */
    public int expire(String id) {
        Condition expired = unfinished().and(JOB.LEASE_UNTIL.lt(DSL.currentOffsetDateTime()));
        return fail(id == null ? expired : expired.and(JOB.ID.eq(id)), EXPIRED);
    }

    /** Forgets the jobs that finished longer ago than {@code age}. */
    public int prune(Duration age) {
        return dsl.deleteFrom(JOB).where(JOB.FINISHED_AT.lt(shifted(age.negated()))).execute();
    }

    private int fail(Condition which, String error) {
        return dsl.update(JOB)
                .set(JOB.STATE, "failed")
                .set(JOB.FINISHED_AT, DSL.currentOffsetDateTime())
                .setNull(JOB.PROGRESS_PHASE).setNull(JOB.PROGRESS_DONE).setNull(JOB.PROGRESS_TOTAL)
                .set(JOB.ERROR, error)
                .where(which)
                .execute();
    }

    private static Condition unfinished() {
        return JOB.FINISHED_AT.isNull();
    }

    /** PostgreSQL's clock, not this process's: the processes' clocks need not agree for leases to work. */
    private static Field<OffsetDateTime> leaseEnd(Duration lease) {
        return shifted(lease);
    }

    private static Field<OffsetDateTime> shifted(Duration by) {
        return DSL.field("now() + {0} * interval '1 millisecond'", SQLDataType.TIMESTAMPWITHTIMEZONE,
                DSL.val(by.toMillis()));
    }
}
