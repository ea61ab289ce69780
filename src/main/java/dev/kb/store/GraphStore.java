package dev.kb.store;

import static dev.kb.store.jooq.Tables.PREREQUISITE;

import dev.kb.store.jooq.tables.records.PrerequisiteRecord;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Records;

public final class GraphStore {
    private final DSLContext dsl;

    public GraphStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void replace(String courseId, List<PrerequisiteRow> edges) {
        dsl.deleteFrom(PREREQUISITE).where(PREREQUISITE.COURSE_ID.eq(courseId)).execute();
        if (!edges.isEmpty()) {
            dsl.batchInsert(edges.stream().map(e -> new PrerequisiteRecord(courseId, e.fromId(), e.toId(), e.kind(),
                    e.weight(), e.evidence(), e.dropped(), e.dropReason())).toList()).execute();
        }
    }

    public List<PrerequisiteRow> edges(String courseId) {
        return dsl.select(PREREQUISITE.FROM_ID, PREREQUISITE.TO_ID, PREREQUISITE.KIND, PREREQUISITE.WEIGHT,
                        PREREQUISITE.EVIDENCE, PREREQUISITE.DROPPED, PREREQUISITE.DROP_REASON)
                .from(PREREQUISITE)
                .where(PREREQUISITE.COURSE_ID.eq(courseId))
                .orderBy(PREREQUISITE.FROM_ID, PREREQUISITE.TO_ID)
                .fetch(Records.mapping(PrerequisiteRow::new));
    }
}
