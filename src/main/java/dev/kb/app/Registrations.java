package dev.kb.app;

import dev.kb.common.Conflict;
import dev.kb.common.InvalidInput;
import dev.kb.ingest.CourseIds;
import java.nio.file.Path;

/** Course directories registered at run time (the admin route): confined to the course roots, one id per directory. */
final class Registrations {
    private final CourseRoots courseRoots;
    private final Kb kb;
    /** Registrations are decided one at a time (see {@link #registerLater}). */
    private final Object registering = new Object();

    Registrations(CourseRoots courseRoots, Kb kb) {
        this.courseRoots = courseRoots;
        this.kb = kb;
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
        // Decided as one step, so of two requests for one id with different directories exactly one is accepted:
        // queued and running jobs first, the database second. A job stops being pending only after its run has
        // committed, so a registration that completes between the two checks is in the database for the second.
        synchronized (registering) {
            kb.jobs().requireSameDirectory(courseId, root);
            kb.services().courses().find(courseId)
                    .filter(c -> !CourseRoots.realPath(Path.of(c.rootPath())).equals(root)).ifPresent(c -> {
                        // The other course's directory is not said: error bodies name no server paths.
                        throw new Conflict("the course id '" + courseId + "' is taken by another directory");
                    });
            return kb.jobs().submit("register", courseId, root, progress -> kb.index(courseId, root, false, progress));
        }
    }
}
