package dev.kb.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} names the kind of problem (documented in openapi.yaml);
 * {@code parameter} names the request parameter at fault, when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String parameter) {
    public static final String CONTENT_TYPE = "application/problem+json";
}
