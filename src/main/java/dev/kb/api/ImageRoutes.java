package dev.kb.api;

import dev.kb.course.CourseImages;
import io.javalin.http.Context;

/** The images of a course, which topic HTML points at; Javalin closes the stream once it is sent. */
final class ImageRoutes {
    private final CourseImages images;

    ImageRoutes(CourseImages images) {
        this.images = images;
    }

    void get(Context ctx) {
        CourseImages.Image image = images.open(ctx.pathParam("course"), ctx.pathParam("path"));
        ctx.contentType(image.contentType()).result(image.content());
    }
}
