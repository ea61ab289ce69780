package dev.kb.app;

import dev.kb.ingest.IndexRunReport;
import dev.kb.search.SearchIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kb's metrics, scraped at {@code /metrics} in Prometheus' text format: the JVM's, the search index's size, the
 * last index run of each course, and (recorded by the HTTP layer) requests per route.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, LastRun> lastRuns = new ConcurrentHashMap<>();

    private record LastRun(IndexRunReport report, double finishedEpochSeconds) {
    }

    Metrics(SearchIndex index) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("kb.index.documents", index, SearchIndex::documentCount)
                .description("Lucene documents in the search index").register(registry);
        Gauge.builder("kb.index.size", index, SearchIndex::sizeBytes).baseUnit("bytes")
                .description("Size of the search index on disk").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Remembers a course's last index run; its gauges appear with the first run. */
    void indexed(IndexRunReport run) {
        if (lastRuns.put(run.courseId(), new LastRun(run, System.currentTimeMillis() / 1000.0)) != null) {
            return;
        }
        Tags course = Tags.of("course", run.courseId());
        Gauge.builder("kb.index.run.last.finished", lastRuns, m -> m.get(run.courseId()).finishedEpochSeconds())
                .tags(course).baseUnit("seconds").description("When the course's last index run finished (Unix time)")
                .register(registry);
        Gauge.builder("kb.index.run.last.duration", lastRuns, m -> m.get(run.courseId()).report().elapsed().toMillis() / 1000.0)
                .tags(course).baseUnit("seconds").description("How long the course's last index run took")
                .register(registry);
        Gauge.builder("kb.index.run.last.files.parsed", lastRuns, m -> m.get(run.courseId()).report().filesParsed())
                .tags(course).description("Files the course's last index run parsed").register(registry);
        Gauge.builder("kb.index.run.last.issues", lastRuns, m -> m.get(run.courseId()).report().issues().size())
                .tags(course).description("Files the course's last index run skipped, truncated or repaired")
                .register(registry);
    }

    /** Drops a deleted course's gauges: /metrics names no course kb no longer holds. */
    void forget(String courseId) {
        lastRuns.remove(courseId);
        registry.getMeters().stream().filter(m -> courseId.equals(m.getId().getTag("course"))
                && m.getId().getName().startsWith("kb.index.run.last")).forEach(registry::remove);
    }

    /** The metrics in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }
}
