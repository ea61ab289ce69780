package dev.kb.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that opens kb and indexes a course: the database, course id and ingest-limit options. */
abstract class IndexingCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Mixin
    CourseIdOption courseId;

    @Mixin
    IngestOptions ingest;
}
