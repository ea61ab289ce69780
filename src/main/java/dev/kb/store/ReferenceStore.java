package dev.kb.store;

import static dev.kb.store.jooq.Tables.AGENDA_ITEM;
import static dev.kb.store.jooq.Tables.DOCUMENT;
import static dev.kb.store.jooq.Tables.LINK;
import static dev.kb.store.jooq.Tables.URL_CHECK;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Records;

/**
 * External references: the http(s) URLs that documents and agenda items link, where each is used, and the
 * cached result of checking it.
 */
public final class ReferenceStore {
    private final DSLContext dsl;

    public ReferenceStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Where a URL is used: a topic's link (with its line) or an agenda item (documentId null, path README.md). */
    public record Usage(String url, String course, String documentId, String path, String text, Integer line) {
    }

    /** Every use of an external URL in the course (or in all courses when null), in path and line order. */
    public List<Usage> usages(String courseId) {
        List<Usage> result = new ArrayList<>();
        var docLinks = dsl.select(LINK.URL, DOCUMENT.COURSE_ID, DOCUMENT.ID, DOCUMENT.PATH, LINK.TEXT, LINK.LINE)
                .from(LINK).join(DOCUMENT).on(DOCUMENT.ID.eq(LINK.DOCUMENT_ID))
                .where(LINK.KIND.eq("external").and(DOCUMENT.KIND.eq("topic"))
                        .and(courseId == null ? org.jooq.impl.DSL.trueCondition() : DOCUMENT.COURSE_ID.eq(courseId)))
                .orderBy(DOCUMENT.PATH, LINK.ORD);
        docLinks.forEach(r -> result.add(new Usage(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
        dsl.select(AGENDA_ITEM.URL, AGENDA_ITEM.COURSE_ID, AGENDA_ITEM.TITLE)
                .from(AGENDA_ITEM)
                .where(AGENDA_ITEM.STATUS.eq("external")
                        .and(courseId == null ? org.jooq.impl.DSL.trueCondition() : AGENDA_ITEM.COURSE_ID.eq(courseId)))
                .orderBy(AGENDA_ITEM.SECTION_ORD, AGENDA_ITEM.MODULE_ORD, AGENDA_ITEM.ORD)
                .forEach(r -> result.add(new Usage(r.value1(), r.value2(), null, "README.md", r.value3(), null)));
        return result;
    }

    /** The distinct external URLs of a course. */
    public List<String> urls(String courseId) {
        TreeSet<String> urls = new TreeSet<>();
        usages(courseId).forEach(u -> urls.add(u.url()));
        return List.copyOf(urls);
    }

    public Map<String, UrlCheckRow> checks(Collection<String> urls) {
        Map<String, UrlCheckRow> result = new TreeMap<>();
        if (urls.isEmpty()) {
            return result;
        }
        dsl.select(URL_CHECK.URL, URL_CHECK.STATUS, URL_CHECK.HTTP_STATUS, URL_CHECK.FINAL_URL, URL_CHECK.CONTENT_TYPE,
                        URL_CHECK.TITLE, URL_CHECK.BODY_TEXT, URL_CHECK.ERROR, URL_CHECK.CHECKED_AT)
                .from(URL_CHECK).where(URL_CHECK.URL.in(urls))
                .fetch(Records.mapping(UrlCheckRow::new))
                .forEach(c -> result.put(c.url(), c));
        return result;
    }

    public void save(UrlCheckRow c) {
        dsl.insertInto(URL_CHECK)
                .set(URL_CHECK.URL, c.url()).set(URL_CHECK.STATUS, c.status()).set(URL_CHECK.HTTP_STATUS, c.httpStatus())
                .set(URL_CHECK.FINAL_URL, c.finalUrl()).set(URL_CHECK.CONTENT_TYPE, c.contentType())
                .set(URL_CHECK.TITLE, c.title()).set(URL_CHECK.BODY_TEXT, c.bodyText()).set(URL_CHECK.ERROR, c.error())
                .set(URL_CHECK.CHECKED_AT, c.checkedAt())
                .onConflict(URL_CHECK.URL).doUpdate()
                .set(URL_CHECK.STATUS, c.status()).set(URL_CHECK.HTTP_STATUS, c.httpStatus())
                .set(URL_CHECK.FINAL_URL, c.finalUrl()).set(URL_CHECK.CONTENT_TYPE, c.contentType())
                .set(URL_CHECK.TITLE, c.title()).set(URL_CHECK.BODY_TEXT, c.bodyText()).set(URL_CHECK.ERROR, c.error())
                .set(URL_CHECK.CHECKED_AT, c.checkedAt())
                .execute();
    }

    /**
     * URLs among these never checked, checked before {@code before}, failed with an error before
     * {@code errorBefore} (errors such as timeouts pass, so they are kept for less), or excluded: an exclusion made
     * no request and depends on the settings of that run (private addresses allowed or not), so it is never reused.
     */
    public List<String> stale(Collection<String> urls, OffsetDateTime before, OffsetDateTime errorBefore) {
        Map<String, UrlCheckRow> known = checks(urls);
        return urls.stream().filter(u -> {
            UrlCheckRow c = known.get(u);
            return c == null || c.status().equals("excluded")
                    || c.checkedAt().isBefore(c.status().equals("error") ? errorBefore : before);
        }).toList();
    }
}
