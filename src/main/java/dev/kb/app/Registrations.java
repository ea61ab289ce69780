package dev.kb.app;

import dev.kb.catalog.CatalogService;
import dev.kb.catalog.CourseSource;
import dev.kb.common.Conflict;
import dev.kb.common.InvalidInput;
import dev.kb.ingest.CourseIds;
import java.nio.file.Path;

/**
 * Course directories registered at run time (the admin route): confined to the course roots, one id per directory,
 * recorded as a source added at run time (followed again after a restart).
 */
final class Registrations {
    private final CourseRoots courseRoots;
    private final Kb kb;
    private final Sources sources;

    Registrations(CourseRoots courseRoots, Kb kb, Sources sources) {
        this.courseRoots = courseRoots;
        this.kb = kb;
        this.sources = sources;
    }

    /** Refuses a local path outside the course roots (403) or that is no directory (400). */
    void requireAllowed(String directory) {
        courseRoots.require(directory);
    }

    /**
     * Registers a course directory (under {@code id}, or a slug of its name) and indexes it in the background.
     * A known id is re-indexed when it is the same directory, and refused when it names another one.
     */
    Job registerLater(String directory, String id) {
        CourseRoots.Directory allowed = courseRoots.require(directory);
        // Read from where the links lead now: a link inside a root changed later cannot lead a re-index out of it.
        Path root = allowed.real();
        Path named = allowed.named().getFileName();
        String courseId = id != null ? id : CourseIds.slug(named == null ? "course" : named.toString());
        if (!CourseIds.isValid(courseId)) {
            throw new InvalidInput("id", "'" + courseId + "' is not a valid course id: use lower-case letters, digits, "
                    + "'.', '_' and '-' (at most 64)");
        }
        CatalogService catalog = sources.catalog();
        // Decided as one step (additions of git sources take the same turn), so of two requests for one id with
        // different directories exactly one is accepted: queued and running jobs first, the database second. A job
        // stops being pending only after its run has committed, so a registration that completes between the two
        // checks is in the database for the second.
        synchronized (this) {
            kb.jobs().requireSameDirectory(courseId, root);
            kb.services().courses().find(courseId)
                    .filter(c -> !CourseRoots.realPath(Path.of(c.rootPath())).equals(root)).ifPresent(c -> {
                        // The other course's directory is not said: error bodies name no server paths.
                        throw new Conflict("the course id '" + courseId + "' is taken by another directory");
                    });
            catalog.source(courseId).filter(s -> s.isGit() || !CourseRoots.realPath(s.directory()).equals(root))
                    .ifPresent(s -> {
                        throw new Conflict("the course id '" + courseId + "' is taken by another source");
                    });
            catalog.follow(CourseSource.directory(courseId, root), true);
            return kb.jobs().submit("register", courseId, root, progress -> kb.index(courseId, root, false, progress));
        }
    }
}
