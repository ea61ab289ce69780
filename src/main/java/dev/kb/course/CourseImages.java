package dev.kb.course;

import dev.kb.common.NotFound;
import dev.kb.ingest.CoursePaths;
import dev.kb.ingest.CourseRoot;
import dev.kb.store.CourseRow;
import dev.kb.store.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The images of a course, for the pages that show its topics. Only what the last run found as a file of the course
 * (hidden folders, links out of the root and the like never are) and only image types are served, read through the
 * same no-link opener as every other course file: an image route must not become a way to read the course
 * directory, let alone what is outside it.
 */
public final class CourseImages {
    /**
     * Served types, by extension. SVG can hold script: it is served like every non-HTML answer with a policy that
     * runs nothing ({@code default-src 'none'}) plus {@code sandbox}, so even opened on its own it runs no script and
     * has no access to kb's origin; in an {@code <img>} browsers never run it anyway.
     */
    private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp", "svg", "image/svg+xml");

    private final Stores stores;
    private final CourseService courses;

    public CourseImages(Stores stores, CourseService courses) {
        this.stores = stores;
        this.courses = courses;
    }

    /** An open image: the caller streams {@code content} and closes it. */
    public record Image(String path, String contentType, InputStream content) {
    }

    public static boolean isImage(String path) {
        return TYPES.containsKey(extension(path));
    }

    /** The image at {@code path} (course-relative, as a caller writes it) of the course. */
    public Image open(String courseId, String path) {
        String key = CoursePaths.parameter("path", path);
        CourseRow course = courses.require(courseId);
        if (!isImage(key) || !stores.documents().hasAsset(courseId, key)) {
            throw new NotFound("image", key);
        }
        try {
            InputStream in = new CourseRoot(Path.of(course.rootPath())).open(Path.of(key));
            return new Image(key, TYPES.get(extension(key)), in);
        } catch (IOException | InvalidPathException e) {
            // Gone since the run, or swapped for a link: either way there is no image of the course to show.
            throw new NotFound("image", key);
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < path.lastIndexOf('/') + 1 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
