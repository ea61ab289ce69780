package dev.kb.common;

/**
 * The bounds on what one request may cost, each with a stable name that refusals carry (the API's problem member
 * {@code limit}, documented in openapi.yaml): a client can tell which bound it hit without parsing prose. The
 * {@link Kind} says what was too large, and so which status the API answers with.
 */
public enum Limit {
    /** Characters of a query or question. */
    QUERY_CHARS("max-query-chars", Kind.PARAMETER),
    /** Words and phrases of a query or question. */
    QUERY_TERMS("max-query-terms", Kind.PARAMETER),
    /** Topic ids named in one request (learning-path goals, known topics). */
    REQUEST_TOPICS("max-request-topics", Kind.PARAMETER),
    /** How deep into a ranking a page may start: collecting it costs offset + limit hits. */
    OFFSET("max-offset", Kind.PARAMETER),
    /** Bytes of a request body. */
    BODY_BYTES("max-body-bytes", Kind.BODY),
    /** Bytes of the request line (method, URI, version). */
    URI_BYTES("max-uri-bytes", Kind.URI),
    /** Bytes of the request's header block. */
    HEADER_BYTES("max-header-bytes", Kind.HEADERS),
    /** Topics of one graph, learning path or prerequisite answer. */
    GRAPH_TOPICS("max-graph-topics", Kind.ANSWER),
    /** Edges of one graph answer. */
    GRAPH_EDGES("max-graph-edges", Kind.ANSWER),
    /** Milliseconds the searches of one request may take together. */
    SEARCH_TIME("search-timeout", Kind.TIME),
    /** Expensive answers (coverage reports not computed yet) computed at once; see ComputeSlots. */
    CONCURRENT_COMPUTATIONS("max-concurrent-computations", Kind.BUSY);

    /**
     * What was too large: a parameter, the body, the URI, the headers, the answer, the time it takes, or the number
     * of requests like it being answered at the moment.
     */
    public enum Kind { PARAMETER, BODY, URI, HEADERS, ANSWER, TIME, BUSY }

    private final String id;
    private final Kind kind;

    Limit(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The stable, kebab-case name clients see. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }
}
