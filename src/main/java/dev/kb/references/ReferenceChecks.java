package dev.kb.references;

import dev.kb.store.ReferenceStore;
import dev.kb.store.UrlCheckRow;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Checks the external references of a course, reusing results younger than the maximum age, so a re-index does
 * not check everything again.
 */
public final class ReferenceChecks {
    private final DSLContext dsl;

    public ReferenceChecks(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * How a check run went: references in all, checked now, reused from the cache, and results by status
     * ({@code unchecked} for those not checked yet, e.g. when the run was interrupted).
     */
    public record Summary(String courseId, int references, int checked, int cached, Map<String, Integer> byStatus) {
    }

    public Summary check(String courseId, CheckSettings settings, LinkChecker.Progress progress) {
        ReferenceStore store = new ReferenceStore(dsl);
        List<String> urls = store.urls(courseId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> stale = store.stale(urls, now.minus(settings.maxAge()), now.minus(settings.maxErrorAge()));
        new LinkChecker(settings).check(stale, progress, store::save);
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, UrlCheckRow> checks = store.checks(urls);
        for (String url : urls) {
            byStatus.merge(checks.containsKey(url) ? checks.get(url).status() : "unchecked", 1, Integer::sum);
        }
        return new Summary(courseId, urls.size(), stale.size(), urls.size() - stale.size(), byStatus);
    }
}
