package dev.kb.store;

import java.time.OffsetDateTime;

/**
 * What checking one external URL found. {@code status}: ok, redirected (ok after redirects), broken (4xx),
 * error (5xx, timeout, DNS, TLS, too many redirects) or excluded (not checked: refused address, scheme or rule).
 * {@code title} and {@code bodyText} are the readable page of an HTML answer.
 */
public record UrlCheckRow(String url, String status, Integer httpStatus, String finalUrl, String contentType,
                          String title, String bodyText, String error, OffsetDateTime checkedAt) {

    /** Whether the page could be read: it answered (perhaps after redirects) and had a title or text. */
    public boolean readable() {
        return ("ok".equals(status) || "redirected".equals(status))
                && (title != null || bodyText != null && !bodyText.isBlank());
    }
}
