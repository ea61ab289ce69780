package dev.kb.store;

import static dev.kb.store.jooq.Tables.COURSE;
import static dev.kb.store.jooq.Tables.COURSE_SOURCE;
import static dev.kb.store.jooq.Tables.INDEX_RUN;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

public final class CourseStore {
    private final DSLContext dsl;

    public CourseStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void upsert(String id, String title, String rootPath, OffsetDateTime now) {
        dsl.insertInto(COURSE)
                .set(COURSE.ID, id)
                .set(COURSE.TITLE, title)
                .set(COURSE.ROOT_PATH, rootPath)
                .set(COURSE.CREATED_AT, now)
                .set(COURSE.INDEXED_AT, now)
                .onConflict(COURSE.ID)
                .doUpdate()
                .set(COURSE.TITLE, title)
                .set(COURSE.ROOT_PATH, rootPath)
                .set(COURSE.INDEXED_AT, now)
                .execute();
    }

    public Optional<CourseRow> find(String id) {
        return dsl.select(COURSE.ID, COURSE.TITLE, COURSE.ROOT_PATH, COURSE.CREATED_AT, COURSE.INDEXED_AT)
                .from(COURSE)
                .where(COURSE.ID.eq(id))
                .fetchOptional(Records.mapping(CourseRow::new));
    }

    public List<CourseRow> list() {
        return dsl.select(COURSE.ID, COURSE.TITLE, COURSE.ROOT_PATH, COURSE.CREATED_AT, COURSE.INDEXED_AT)
                .from(COURSE)
                .orderBy(COURSE.ID)
                .fetch(Records.mapping(CourseRow::new));
    }

    /**
     * Removes everything of a course in one transaction: the course with its documents, agenda, graph and coverage
     * report (cascaded), its runs and its source. Checked URLs stay: they are shared by every course. The removal is
     * announced like a run ({@link RunPublisher#CHANNEL}), so other kb processes drop it from their search index.
     *
     * @return whether there was anything of the course
     */
    public boolean delete(String id) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            int removed = tx.deleteFrom(COURSE).where(COURSE.ID.eq(id)).execute()
                    + tx.deleteFrom(INDEX_RUN).where(INDEX_RUN.COURSE_ID.eq(id)).execute()
                    + tx.deleteFrom(COURSE_SOURCE).where(COURSE_SOURCE.COURSE_ID.eq(id)).execute();
            tx.select(DSL.function("pg_notify", SQLDataType.OTHER, DSL.inline(RunPublisher.CHANNEL),
                    DSL.val(id + ":deleted"))).fetch();
            return removed > 0;
        });
    }
}
