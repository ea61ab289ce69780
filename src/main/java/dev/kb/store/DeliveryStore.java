package dev.kb.store;

import static dev.kb.store.jooq.Tables.COURSE_DELIVERY;
import static dev.kb.store.jooq.Tables.WEBHOOK_DELIVERY;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;

/**
 * Webhook deliveries: each one acted on is claimed once, across every kb process on the database (a unique key), and
 * the last {@value #KEPT_PER_COURSE} deliveries that concerned each course are kept with what kb did about them.
 */
public final class DeliveryStore {
    static final int KEPT_PER_COURSE = 20;

    private final DSLContext dsl;

    DeliveryStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One delivery as logged for a course. */
    public record Logged(OffsetDateTime receivedAt, String forge, String deliveryId, String event, String ref,
                         String commit, String result, String message, String job) {
    }

    /**
     * Records the delivery as acted on; false when a process (this or another) recorded it before. Claims older than
     * a week are forgotten: forges redeliver within hours.
     */
    public boolean claim(String forge, String deliveryId) {
        dsl.deleteFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.RECEIVED_AT.lt(DSL.currentOffsetDateTime().minus(7)))
                .execute();
        return dsl.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.FORGE, forge)
                .set(WEBHOOK_DELIVERY.DELIVERY_ID, deliveryId)
                .set(WEBHOOK_DELIVERY.RECEIVED_AT, DSL.currentOffsetDateTime())
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Logs a delivery for a course, and forgets the course's deliveries beyond the last few. */
    public void log(String courseId, Logged d) {
        dsl.transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            tx.insertInto(COURSE_DELIVERY)
                    .set(COURSE_DELIVERY.COURSE_ID, courseId)
                    .set(COURSE_DELIVERY.RECEIVED_AT, d.receivedAt())
                    .set(COURSE_DELIVERY.FORGE, d.forge())
                    .set(COURSE_DELIVERY.DELIVERY_ID, d.deliveryId())
                    .set(COURSE_DELIVERY.EVENT, d.event())
                    .set(COURSE_DELIVERY.REF, d.ref())
                    .set(COURSE_DELIVERY.COMMIT_SHA, d.commit())
                    .set(COURSE_DELIVERY.RESULT, d.result())
                    .set(COURSE_DELIVERY.MESSAGE, d.message())
                    .set(COURSE_DELIVERY.JOB_ID, d.job())
                    .execute();
            tx.deleteFrom(COURSE_DELIVERY)
                    .where(COURSE_DELIVERY.COURSE_ID.eq(courseId).and(COURSE_DELIVERY.ID.notIn(
                            DSL.select(COURSE_DELIVERY.ID).from(COURSE_DELIVERY)
                                    .where(COURSE_DELIVERY.COURSE_ID.eq(courseId))
                                    .orderBy(COURSE_DELIVERY.ID.desc()).limit(KEPT_PER_COURSE))))
                    .execute();
        });
    }

    /** The course's last deliveries, newest first. */
    public List<Logged> recent(String courseId) {
        return dsl.select(COURSE_DELIVERY.RECEIVED_AT, COURSE_DELIVERY.FORGE, COURSE_DELIVERY.DELIVERY_ID,
                        COURSE_DELIVERY.EVENT, COURSE_DELIVERY.REF, COURSE_DELIVERY.COMMIT_SHA, COURSE_DELIVERY.RESULT,
                        COURSE_DELIVERY.MESSAGE, COURSE_DELIVERY.JOB_ID)
                .from(COURSE_DELIVERY)
                .where(COURSE_DELIVERY.COURSE_ID.eq(courseId))
                .orderBy(COURSE_DELIVERY.ID.desc())
                .fetch(Records.mapping(Logged::new));
    }
}
