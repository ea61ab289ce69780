package dev.kb.store;

import static dev.kb.store.jooq.Tables.COVERAGE_REPORT;
import static dev.kb.store.jooq.Tables.LINK_CHECK_GENERATION;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSON;

/**
 * Computed coverage reports, one per course, each with what it reflects: the index run, the count of link checks
 * finished so far, and the version of the report. The report itself is JSON the coverage feature writes and reads.
 */
public final class CoverageStore {
    private final DSLContext dsl;

    public CoverageStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What a report was computed from; a stored report is current while all three still hold. */
    public record Basis(long runId, long linkChecks, int reportVersion) {
    }

    public record Stored(Basis basis, String json) {
    }

    public Optional<Stored> find(String courseId) {
        return dsl.select(COVERAGE_REPORT.RUN_ID, COVERAGE_REPORT.LINK_CHECKS, COVERAGE_REPORT.REPORT_VERSION,
                        COVERAGE_REPORT.REPORT)
                .from(COVERAGE_REPORT)
                .where(COVERAGE_REPORT.COURSE_ID.eq(courseId))
                .fetchOptional(r -> new Stored(new Basis(r.value1(), r.value2(), r.value3()), r.value4().data()));
    }

    public void save(String courseId, Basis basis, String json) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        dsl.insertInto(COVERAGE_REPORT)
                .set(COVERAGE_REPORT.COURSE_ID, courseId)
                .set(COVERAGE_REPORT.RUN_ID, basis.runId())
                .set(COVERAGE_REPORT.LINK_CHECKS, basis.linkChecks())
                .set(COVERAGE_REPORT.REPORT_VERSION, basis.reportVersion())
                .set(COVERAGE_REPORT.COMPUTED_AT, now)
                .set(COVERAGE_REPORT.REPORT, JSON.valueOf(json))
                .onConflict(COVERAGE_REPORT.COURSE_ID).doUpdate()
                .set(COVERAGE_REPORT.RUN_ID, basis.runId())
                .set(COVERAGE_REPORT.LINK_CHECKS, basis.linkChecks())
                .set(COVERAGE_REPORT.REPORT_VERSION, basis.reportVersion())
                .set(COVERAGE_REPORT.COMPUTED_AT, now)
                .set(COVERAGE_REPORT.REPORT, JSON.valueOf(json))
                .execute();
    }

    /** How many link checks have finished, ever: a report computed before the last one shows stale statuses. */
    public long linkChecks() {
        return dsl.select(LINK_CHECK_GENERATION.GENERATION).from(LINK_CHECK_GENERATION).fetchSingle().value1();
    }

    /** A link check finished (or stopped): the URL statuses every course's report shows may have changed. */
    public void linkChecksChanged() {
        dsl.update(LINK_CHECK_GENERATION)
                .set(LINK_CHECK_GENERATION.GENERATION, LINK_CHECK_GENERATION.GENERATION.plus(1))
                .execute();
    }
}
