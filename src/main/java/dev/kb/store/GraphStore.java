package dev.kb.store;

import static dev.kb.store.jooq.Tables.PREREQUISITE;
import static dev.kb.store.jooq.Tables.PREREQUISITE_REASON;

import dev.kb.store.jooq.tables.records.PrerequisiteReasonRecord;
import dev.kb.store.jooq.tables.records.PrerequisiteRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

public final class GraphStore {
    private final DSLContext dsl;

    public GraphStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void replace(String courseId, List<PrerequisiteRow> edges) {
        dsl.deleteFrom(PREREQUISITE).where(PREREQUISITE.COURSE_ID.eq(courseId)).execute();
        List<TableRecord<?>> edgeRecords = new ArrayList<>();
        List<TableRecord<?>> reasonRecords = new ArrayList<>();
        for (PrerequisiteRow e : edges) {
            edgeRecords.add(new PrerequisiteRecord(courseId, e.fromId(), e.toId(), e.kind(), e.weight(), e.evidence(),
                    e.dropped(), e.dropReason()));
            for (int i = 0; i < e.reasons().size(); i++) {
                PrerequisiteRow.Reason r = e.reasons().get(i);
                reasonRecords.add(new PrerequisiteReasonRecord(courseId, e.fromId(), e.toId(), i, r.kind(), r.weight(),
                        r.detail()));
            }
        }
        if (!edgeRecords.isEmpty()) {
            BatchInsert.insert(dsl, edgeRecords);
            BatchInsert.insert(dsl, reasonRecords);
        }
    }

    public List<PrerequisiteRow> edges(String courseId) {
        Map<List<String>, List<PrerequisiteRow.Reason>> reasons = new HashMap<>();
        dsl.selectFrom(PREREQUISITE_REASON).where(PREREQUISITE_REASON.COURSE_ID.eq(courseId))
                .orderBy(PREREQUISITE_REASON.ORD)
                .forEach(r -> reasons.computeIfAbsent(List.of(r.getFromId(), r.getToId()), k -> new ArrayList<>())
                        .add(new PrerequisiteRow.Reason(r.getKind(), r.getWeight(), r.getDetail())));
        return dsl.selectFrom(PREREQUISITE)
                .where(PREREQUISITE.COURSE_ID.eq(courseId))
                .orderBy(PREREQUISITE.FROM_ID, PREREQUISITE.TO_ID)
                .fetch(r -> new PrerequisiteRow(r.getFromId(), r.getToId(), r.getKind(), r.getWeight(),
                        List.copyOf(reasons.getOrDefault(List.of(r.getFromId(), r.getToId()), List.of())),
                        r.getDropped(), r.getDropReason()));
    }
}
