package dev.kb.common;

/** A caller's value that kb cannot use, naming the parameter; the API answers 400. */
public final class InvalidInput extends RuntimeException {
    private final String parameter;

    public InvalidInput(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
