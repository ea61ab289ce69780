package dev.kb.common;

/**
 * A request refused because answering it would pass one of kb's bounds on the cost of a request. It names the
 * bound and its value, and the parameter at fault when there is one; the message says in words how to stay
 * within it. The API answers with a status that depends on the bound's {@link Limit.Kind}.
 */
public final class LimitExceeded extends RuntimeException {
    private final Limit limit;
    private final long max;
    private final String parameter;

    public LimitExceeded(Limit limit, long max, String parameter, String message) {
        super(message);
        this.limit = limit;
        this.max = max;
        this.parameter = parameter;
    }

    public Limit limit() {
        return limit;
    }

    public long max() {
        return max;
    }

    /** The request parameter at fault, or null when the request as a whole is too large. */
    public String parameter() {
        return parameter;
    }
}
