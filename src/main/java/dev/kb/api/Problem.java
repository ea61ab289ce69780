package dev.kb.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} names the kind of problem (documented in openapi.yaml);
 * {@code parameter} names the request parameter at fault, when there is one; {@code limit} and {@code max} name
 * the bound a request would pass and its value, on a refusal of type {@value Problems#LIMIT_EXCEEDED}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String parameter,
                      String limit, Long max) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, String instance, String parameter) {
        this(type, title, status, detail, instance, parameter, null, null);
    }
}
