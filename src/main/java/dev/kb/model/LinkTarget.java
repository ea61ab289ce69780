package dev.kb.model;

/**
 * Where a link points, as far as the link text alone can tell (whether a local file exists is decided
 * against the scanned course, see {@link CourseFiles}).
 *
 * @param kind       local, external, anchor (same document), empty ({@code []()}), other (mailto:, javascript:, …)
 * @param targetPath course-relative path for local and anchor links; null when the target escapes the root
 * @param fragment   the decoded {@code #fragment}, or null
 * @param url        the absolute URL of an external link
 * @param problem    why the target cannot be used, or null
 */
public record LinkTarget(Kind kind, String targetPath, String fragment, String url, String problem) {

    public enum Kind {
        LOCAL, EXTERNAL, ANCHOR, EMPTY, OTHER;

        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromDb(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The reason given for a local target that names no file of the course. */
    public static final String NO_SUCH_FILE = "no such file in the course";

    /** Why this link leads nowhere, given whether its local target exists; null when it works or is external. */
    public String brokenReason(boolean targetExists) {
        if (kind == Kind.EXTERNAL || (problem == null && targetExists)) {
            return null;
        }
        return problem != null ? problem : NO_SUCH_FILE;
    }

    public static LinkTarget local(String path, String fragment) {
        return new LinkTarget(Kind.LOCAL, path, fragment, null, null);
    }

    public static LinkTarget unusable(Kind kind, String fragment, String problem) {
        return new LinkTarget(kind, null, fragment, null, problem);
    }
}
