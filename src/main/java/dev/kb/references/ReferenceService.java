package dev.kb.references;

import dev.kb.common.NotFound;
import dev.kb.common.Page;
import dev.kb.model.TopicIds;
import dev.kb.store.ReferenceStore;
import dev.kb.store.Stores;
import dev.kb.store.UrlCheckRow;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** External references of courses, with their usages and check results. */
public final class ReferenceService {
    public static final Set<String> STATUSES = Set.of("ok", "redirected", "broken", "error", "excluded", "unchecked");

    private final Stores stores;

    public ReferenceService(Stores stores) {
        this.stores = stores;
    }

    /** Ids are derived from the URL alone: the same article has the same id in every course. */
    public static String id(String url) {
        return HexFormat.of().formatHex(TopicIds.sha256(url.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    /** References of a course (all courses when null), optionally of one status, in URL order. */
    public Page<Reference> list(String courseId, String status, int limit, int offset) {
        List<Reference> all = build(stores.references().usages(courseId));
        if (status != null) {
            all = all.stream().filter(r -> r.status().equals(status)).toList();
        }
        return Page.of(all, limit, offset);
    }

    public Reference get(String id) {
        return build(stores.references().usages(null)).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFound("reference", id));
    }

    private List<Reference> build(List<ReferenceStore.Usage> usages) {
        Map<String, List<Reference.Usage>> byUrl = new LinkedHashMap<>();
        for (ReferenceStore.Usage u : usages) {
            byUrl.computeIfAbsent(u.url(), k -> new ArrayList<>())
                    .add(new Reference.Usage(u.course(), u.documentId(), u.path(), u.text(), u.line()));
        }
        Map<String, UrlCheckRow> checks = stores.references().checks(byUrl.keySet());
        List<Reference> result = new ArrayList<>();
        byUrl.keySet().stream().sorted().forEach(url -> {
            UrlCheckRow c = checks.get(url);
            result.add(new Reference(id(url), url, host(url), c == null ? "unchecked" : c.status(),
                    c == null ? null : c.httpStatus(), c == null ? null : c.finalUrl(),
                    c == null ? null : c.contentType(), c == null ? null : c.title(), c == null ? null : c.checkedAt(),
                    c == null ? null : c.error(), List.copyOf(byUrl.get(url))));
        });
        return result;
    }

    static String host(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
