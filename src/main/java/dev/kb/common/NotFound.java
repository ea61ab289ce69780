package dev.kb.common;

/** The thing a caller asked for does not exist; the API answers 404. */
public final class NotFound extends RuntimeException {
    private final String what;

    public NotFound(String what, String id) {
        super("no " + what + " '" + id + "'");
        this.what = what;
    }

    public String what() {
        return what;
    }
}
