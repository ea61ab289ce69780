package dev.kb.store;

import static dev.kb.store.jooq.Tables.COURSE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;

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
}
