package dev.kb.model;

import java.util.Locale;

/** A file the index run skipped, truncated or could only partly read, and why. */
public record RunIssue(String path, Severity severity, String reason) {

    public enum Severity {
        SKIPPED, TRUNCATED, WARNING;

        public String dbName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Severity fromDb(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }
}
