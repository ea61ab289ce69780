package dev.kb.common;

/** A request kb understands but will not carry out, whoever asks (a directory outside the course roots). */
public final class Forbidden extends RuntimeException {
    private final String parameter;

    public Forbidden(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter whose value is refused. */
    public String parameter() {
        return parameter;
    }
}
