package dev.kb.catalog;

/** A fetch that did not give a commit to index, in one line fit to show (no credentials). */
public final class GitFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GitFailure(String message) {
        super(message);
    }
}
