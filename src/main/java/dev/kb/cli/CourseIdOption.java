package dev.kb.cli;

import picocli.CommandLine.Option;

/** The id a course named on the command line is stored under. */
final class CourseIdOption {
    @Option(names = "--course-id", paramLabel = "ID", defaultValue = "${env:KB_COURSE_ID}",
            description = "Id of the course (default: a slug of its directory name; env KB_COURSE_ID).")
    String courseId;
}
