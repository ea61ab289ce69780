package dev.kb.references;

import dev.kb.store.ReferenceStore;
import dev.kb.store.Stores;
import dev.kb.store.UrlCheckRow;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the external references of a course, reusing results younger than the maximum age, so a re-index does
 * not check everything again.
 */
public final class ReferenceChecks {
    private final Stores stores;

    public ReferenceChecks(Stores stores) {
        this.stores = stores;
    }

    /**
     * How a check run went: references in all, checked now, reused from the cache, results by status
     * ({@code unchecked} for those not checked yet, e.g. when the run was interrupted), and how many could not reach
     * their host at all (the name did not resolve, or no connection was made).
     */
    public record Summary(String courseId, int references, int checked, int cached, Map<String, Integer> byStatus,
                          int unreachable) {

        /**
         * Most links failed before any server answered: the machine is likely offline (or has no DNS), not the web
         * broken. Two at least, so one mistyped host does not say it.
         */
        public boolean likelyOffline() {
            return unreachable >= 2 && unreachable * 2 > references;
        }
    }

    public Summary check(String courseId, CheckSettings settings, LinkChecker.Progress progress) {
        ReferenceStore store = stores.references();
        List<String> urls = store.urls(courseId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> stale = store.stale(urls, now.minus(settings.maxAge()), now.minus(settings.maxErrorAge()));
        try (LinkChecker checker = new LinkChecker(settings)) {
            checker.check(stale, progress, store::save);
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, UrlCheckRow> checks = store.checks(urls);
        int unreachable = 0;
        for (String url : urls) {
            UrlCheckRow check = checks.get(url);
            byStatus.merge(check != null ? check.status() : "unchecked", 1, Integer::sum);
            unreachable += check != null && unreachable(check) ? 1 : 0;
        }
        return new Summary(courseId, urls.size(), stale.size(), urls.size() - stale.size(), byStatus, unreachable);
    }

    /** An error before any answer: the host's name did not resolve, or no connection could be made. */
    static boolean unreachable(UrlCheckRow check) {
        String error = check.error();
        return "error".equals(check.status()) && error != null && (error.startsWith("DNS:")
                || error.startsWith("connection refused") || error.startsWith("NoRouteToHostException"));
    }
}
