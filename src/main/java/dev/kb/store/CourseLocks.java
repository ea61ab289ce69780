package dev.kb.store;

import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One index run per course across every kb process on the database: a PostgreSQL advisory lock per course, held
 * on its own connection for the whole run. A second process asking for the same course waits for the first run to
 * end (its own run then finds the files unchanged and costs little); a process that dies loses its connection,
 * and with it the lock, so nothing is left locked.
 */
public final class CourseLocks {
    /** The first key of kb's advisory locks ("kb"), so they cannot collide with another application's. */
    private static final int KB = 0x6B62;
    /** The first key of the locks of syncing a course from its source ("kc"): another lock than the run's. */
    private static final int KB_SYNC = 0x6B63;

    private final DSLContext dsl;

    CourseLocks(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Runs {@code run} while holding the course's lock, waiting for another process's run of it to end first. */
    public <T> T exclusively(String courseId, Supplier<T> run) {
        return holding(KB, courseId, run);
    }

    /**
     * Runs {@code run} (a fetch of the course's source and the index run of a new commit) while holding the course's
     * sync lock: when two processes poll or are told of the same push at once, the second waits, then finds the
     * commit indexed and starts no run of its own. The index run inside takes the run lock as well.
     */
    public <T> T syncing(String courseId, Supplier<T> run) {
        return holding(KB_SYNC, courseId, run);
    }

    private <T> T holding(int space, String courseId, Supplier<T> run) {
        return dsl.connectionResult(connection -> {
            DSLContext session = DSL.using(connection, dsl.dialect());
            // Two courses whose names hash alike only take turns: harmless.
            session.select(DSL.function("pg_advisory_lock", SQLDataType.OTHER, DSL.inline(space),
                    DSL.function("hashtext", SQLDataType.INTEGER, DSL.val(courseId)))).fetch();
            try {
                return run.get();
            } finally {
                try {
                    session.select(DSL.function("pg_advisory_unlock", SQLDataType.BOOLEAN, DSL.inline(space),
                            DSL.function("hashtext", SQLDataType.INTEGER, DSL.val(courseId)))).fetch();
                } catch (RuntimeException connectionGone) {
                    // The lock went with the connection; the run's own outcome (often the same outage) is what
                    // the caller must hear, not this.
                }
            }
        });
    }
}
