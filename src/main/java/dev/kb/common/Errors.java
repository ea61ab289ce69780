package dev.kb.common;

/** Messages of nested exceptions: the innermost cause usually says what actually went wrong. */
public final class Errors {
    private Errors() {
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
