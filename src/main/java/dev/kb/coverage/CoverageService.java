package dev.kb.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kb.common.ComputeSlots;
import dev.kb.course.CourseService;
import dev.kb.references.ReferenceService;
import dev.kb.search.GapSuggester;
import dev.kb.store.CoverageStore;
import dev.kb.store.IndexRunRow;
import dev.kb.store.Stores;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coverage reports, computed once for what they reflect and served from PostgreSQL after that. A report costs
 * seconds of CPU on a large course, too much to spend on every request; it changes only with an index run, a link
 * check, or the search index following a run, so it is stored with those and computed again when one moved. A
 * computation takes one of the shared {@link ComputeSlots}; requests arriving while it runs wait for it instead of
 * starting their own.
 */
public final class CoverageService {
    private static final Logger LOG = LoggerFactory.getLogger(CoverageService.class);
    /** Bump when the report's fields or their computation change: reports stored by another version are recomputed. */
    static final int REPORT_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Stores stores;
    private final CourseService courses;
    private final GapSuggester gaps;
    private final ComputeSlots slots;
    private final CoverageComputation computation;
    private final CoverageStore reports;
    /** Per course, the computation under way, which requests on the same basis join. */
    private final Map<String, UnderWay> underWay = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();

    private record UnderWay(CoverageStore.Basis basis, CompletableFuture<CoverageReport> report) {
    }

    public CoverageService(Stores stores, CourseService courses, ReferenceService references, GapSuggester gaps,
                           ComputeSlots slots) {
        this.stores = stores;
        this.courses = courses;
        this.gaps = gaps;
        this.slots = slots;
        this.computation = new CoverageComputation(stores, references, gaps);
        this.reports = stores.coverage();
    }

    /** The course's report: the stored one while it is current, else computed now (and stored when it can be). */
    public CoverageReport report(String courseId) {
        courses.require(courseId);
        CoverageStore.Basis basis = basis(courseId);
        Optional<CoverageReport> current = reports.find(courseId).filter(s -> s.basis().equals(basis))
                .flatMap(s -> read(courseId, s.json()));
        if (current.isPresent()) {
            return current.get();
        }
        CompletableFuture<CoverageReport> mine = new CompletableFuture<>();
        UnderWay running = underWay.compute(courseId, (id, other) ->
                other != null && other.basis().equals(basis) ? other : new UnderWay(basis, mine));
        if (running.report() != mine) {
            return await(running.report());
        }
        try {
            CoverageReport report = slots.run(() -> computeAndStore(courseId, basis));
            mine.complete(report);
            return report;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            underWay.remove(courseId, running);
        }
    }

    /** External link statuses changed (a link check wrote results): every stored report is stale now. */
    public void linkChecksChanged() {
        reports.linkChecksChanged();
    }

    /** How many reports this service computed (rather than served from the store) since it started. */
    public long computed() {
        return computed.get();
    }

    /** What a report computed now reflects. */
    private CoverageStore.Basis basis(String courseId) {
        long run = stores.runs().latestSucceeded(courseId).map(IndexRunRow::id).orElse(-1L);
        return new CoverageStore.Basis(run, reports.linkChecks(), REPORT_VERSION);
    }

    /**
     * Stored only when nothing moved while it was computed and its gap suggestions came from the search index of
     * that same run (the index follows a run moments after PostgreSQL): a report of a moment of change is answered,
     * not kept.
     */
    private CoverageReport computeAndStore(String courseId, CoverageStore.Basis basis) {
        boolean indexCurrent = Objects.equals(gaps.indexedRun(courseId), basis.runId());
        CoverageReport report = computation.report(courseId);
        computed.incrementAndGet();
        if (indexCurrent && basis.runId() >= 0 && basis.equals(basis(courseId))
                && Objects.equals(gaps.indexedRun(courseId), basis.runId())) {
            reports.save(courseId, basis, write(report));
        }
        return report;
    }

    private static CoverageReport await(CompletableFuture<CoverageReport> report) {
        try {
            return report.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String write(CoverageReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the coverage report could not be written as JSON", e);
        }
    }

    /** A stored report, or nothing when it cannot be read (then it is computed again). */
    private static Optional<CoverageReport> read(String courseId, String json) {
        try {
            return Optional.of(JSON.readValue(json, CoverageReport.class));
        } catch (JsonProcessingException e) {
            LOG.warn("the stored coverage report of {} is unreadable and is computed again: {}", courseId,
                    e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
