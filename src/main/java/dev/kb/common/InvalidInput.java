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

    /**
     * The value, unless it holds a NUL character: no parameter can mean one and PostgreSQL text cannot store it,
     * so it is refused where it comes in (HTTP parameters and bodies, MCP arguments), never failed in the database.
     */
    public static String noNul(String parameter, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new InvalidInput(parameter, "'" + parameter + "' contains a NUL character");
        }
        return value;
    }
}
