package dev.kb.common;

import java.util.Map;

/**
 * SQLStates in words (PostgreSQL's Appendix A): the five characters say what kind of failure it was, which a person
 * reading a job's error or a start failure wants before the server's own message.
 */
final class SqlStates {
    /** Single states worth their own words; the rest are said by their class (the first two characters). */
    private static final Map<String, String> STATES = Map.of(
            "53100", "PostgreSQL's disk is full",
            "53200", "PostgreSQL is out of memory",
            "53300", "PostgreSQL has too many connections",
            "57014", "a statement was cancelled (it ran past the statement timeout, or was cancelled)",
            "57P01", "PostgreSQL is shutting down",
            "57P02", "PostgreSQL crashed and is restarting",
            "57P03", "PostgreSQL is starting up",
            "42501", "PostgreSQL refused access to an object",
            "3D000", "the database does not exist");

    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("08", "PostgreSQL cannot be reached"),
            Map.entry("22", "PostgreSQL refused a value"),
            Map.entry("23", "a row broke a rule of the schema"),
            Map.entry("25", "a transaction was in the wrong state"),
            Map.entry("28", "PostgreSQL refused the login"),
            Map.entry("40", "a transaction conflicted with another (try again)"),
            Map.entry("42", "PostgreSQL refused a statement"),
            Map.entry("53", "PostgreSQL ran out of resources"),
            Map.entry("54", "a statement passed a limit of PostgreSQL"),
            Map.entry("55", "an object was not in the state a statement needs"),
            Map.entry("57", "PostgreSQL stopped a statement"),
            Map.entry("58", "PostgreSQL had a system error"),
            Map.entry("P0", "a database function raised an error"),
            Map.entry("XX", "PostgreSQL had an internal error"));

    private SqlStates() {
    }

    static String words(String state) {
        if (state == null || state.length() < 2) {
            return "PostgreSQL reported an error";
        }
        String words = STATES.get(state);
        return words != null ? words : CLASSES.getOrDefault(state.substring(0, 2), "PostgreSQL reported an error");
    }
}
