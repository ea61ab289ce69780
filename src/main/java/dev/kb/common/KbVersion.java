package dev.kb.common;

/** kb's version, from the jar's manifest; a build run from classes (tests, the IDE) has none. */
public final class KbVersion {
    private KbVersion() {
    }

    /** The version, or "development" outside a built jar. */
    public static String current() {
        String version = KbVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
