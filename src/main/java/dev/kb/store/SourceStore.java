package dev.kb.store;

import static dev.kb.store.jooq.Tables.COURSE_SOURCE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.SelectJoinStep;

/** The sources of the courses: where each comes from and what was last fetched and indexed from it. */
public final class SourceStore {
    private final DSLContext dsl;

    public SourceStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Records where a course comes from ({@code path}: a directory source's folder; {@code addedAtRunTime}: followed
     * again after a restart). A source that changed (another URL, ref or subdirectory) forgets the commit indexed
     * from the old one, so the next sync indexes again.
     */
    public void register(String courseId, String kind, String url, String ref, String subdir, String path,
                         boolean addedAtRunTime) {
        Optional<SourceRow> known = find(courseId);
        boolean same = known.filter(k -> k.kind().equals(kind) && equal(k.url(), url) && equal(k.ref(), ref)
                && equal(k.subdir(), subdir)).isPresent();
        if (same) {
            dsl.update(COURSE_SOURCE)
                    .set(COURSE_SOURCE.PATH, path)
                    .set(COURSE_SOURCE.ADDED_AT_RUN_TIME, addedAtRunTime)
                    .where(COURSE_SOURCE.COURSE_ID.eq(courseId))
                    .execute();
            return;
        }
        dsl.insertInto(COURSE_SOURCE)
                .set(COURSE_SOURCE.COURSE_ID, courseId)
                .set(COURSE_SOURCE.KIND, kind)
                .set(COURSE_SOURCE.URL, url)
                .set(COURSE_SOURCE.REF, ref)
                .set(COURSE_SOURCE.SUBDIR, subdir)
                .set(COURSE_SOURCE.PATH, path)
                .set(COURSE_SOURCE.ADDED_AT_RUN_TIME, addedAtRunTime)
                .onConflict(COURSE_SOURCE.COURSE_ID)
                .doUpdate()
                .set(COURSE_SOURCE.KIND, kind)
                .set(COURSE_SOURCE.URL, url)
                .set(COURSE_SOURCE.REF, ref)
                .set(COURSE_SOURCE.SUBDIR, subdir)
                .set(COURSE_SOURCE.PATH, path)
                .set(COURSE_SOURCE.ADDED_AT_RUN_TIME, addedAtRunTime)
                .setNull(COURSE_SOURCE.COMMIT_SHA)
                .setNull(COURSE_SOURCE.COMMIT_AT)
                .setNull(COURSE_SOURCE.COMMIT_MESSAGE)
                .setNull(COURSE_SOURCE.COMMIT_REF)
                .setNull(COURSE_SOURCE.FETCH_ERROR)
                .execute();
    }

    /** A source added at run time, as a restart follows it again: {@code path} for a directory, else the git fields. */
    public record AddedSource(String courseId, String kind, String url, String ref, String subdir, String path) {
    }

    /** The sources added at run time (the admin route), by course id. */
    public List<AddedSource> addedAtRunTime() {
        return dsl.select(COURSE_SOURCE.COURSE_ID, COURSE_SOURCE.KIND, COURSE_SOURCE.URL, COURSE_SOURCE.REF,
                        COURSE_SOURCE.SUBDIR, COURSE_SOURCE.PATH)
                .from(COURSE_SOURCE)
                .where(COURSE_SOURCE.ADDED_AT_RUN_TIME.isTrue())
                .orderBy(COURSE_SOURCE.COURSE_ID)
                .fetch(Records.mapping(AddedSource::new));
    }

    /** A fetch (or ls-remote) that worked ({@code error} null) or failed; the indexed commit stays as it was. */
    public void fetched(String courseId, OffsetDateTime at, String error) {
        dsl.update(COURSE_SOURCE)
                .set(COURSE_SOURCE.FETCHED_AT, at)
                .set(COURSE_SOURCE.FETCH_ERROR, error)
                .where(COURSE_SOURCE.COURSE_ID.eq(courseId))
                .execute();
    }

    /** The commit a successful index run read. */
    public void indexed(String courseId, String sha, OffsetDateTime commitAt, String message, String ref,
                        OffsetDateTime at) {
        dsl.update(COURSE_SOURCE)
                .set(COURSE_SOURCE.COMMIT_SHA, sha)
                .set(COURSE_SOURCE.COMMIT_AT, commitAt)
                .set(COURSE_SOURCE.COMMIT_MESSAGE, message)
                .set(COURSE_SOURCE.COMMIT_REF, ref)
                .set(COURSE_SOURCE.FETCHED_AT, at)
                .setNull(COURSE_SOURCE.FETCH_ERROR)
                .where(COURSE_SOURCE.COURSE_ID.eq(courseId))
                .execute();
    }

    public Optional<SourceRow> find(String courseId) {
        return select().where(COURSE_SOURCE.COURSE_ID.eq(courseId)).fetchOptional(Records.mapping(SourceRow::new));
    }

    public List<SourceRow> list() {
        return select().orderBy(COURSE_SOURCE.COURSE_ID).fetch(Records.mapping(SourceRow::new));
    }

    /** The sources whose last fetch failed. */
    public List<SourceRow> failing() {
        return select().where(COURSE_SOURCE.FETCH_ERROR.isNotNull()).orderBy(COURSE_SOURCE.COURSE_ID)
                .fetch(Records.mapping(SourceRow::new));
    }

    private SelectJoinStep<org.jooq.Record11<String, String, String, String, String, String, OffsetDateTime, String,
            String, OffsetDateTime, String>> select() {
        return dsl.select(COURSE_SOURCE.COURSE_ID, COURSE_SOURCE.KIND, COURSE_SOURCE.URL, COURSE_SOURCE.REF,
                        COURSE_SOURCE.SUBDIR, COURSE_SOURCE.COMMIT_SHA, COURSE_SOURCE.COMMIT_AT,
                        COURSE_SOURCE.COMMIT_MESSAGE, COURSE_SOURCE.COMMIT_REF, COURSE_SOURCE.FETCHED_AT, COURSE_SOURCE.FETCH_ERROR)
                .from(COURSE_SOURCE);
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
