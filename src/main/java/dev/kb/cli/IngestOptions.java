package dev.kb.cli;

import dev.kb.ingest.IngestLimits;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Limits on what is read of one course file: a course is input kb does not control. For every command that indexes. */
final class IngestOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--max-file-bytes", paramLabel = "BYTES",
            defaultValue = "${env:KB_MAX_FILE_BYTES:-" + IngestLimits.DEFAULT_FILE_BYTES + "}",
            description = "Bytes of a markdown file that are indexed; the rest is cut and reported "
                    + "(env KB_MAX_FILE_BYTES, default ${DEFAULT-VALUE}).")
    int maxFileBytes;

    @Option(names = "--max-links-per-document", paramLabel = "N",
            defaultValue = "${env:KB_MAX_LINKS_PER_DOCUMENT:-" + IngestLimits.DEFAULT_LINKS + "}",
            description = "Links of one document that are kept; more are cut and reported "
                    + "(env KB_MAX_LINKS_PER_DOCUMENT, default ${DEFAULT-VALUE}).")
    int maxLinksPerDocument;

    @Option(names = "--max-nesting-depth", paramLabel = "N",
            defaultValue = "${env:KB_MAX_NESTING_DEPTH:-" + IngestLimits.DEFAULT_NESTING + "}",
            description = "Block quotes and list levels nested deeper are flattened and reported "
                    + "(env KB_MAX_NESTING_DEPTH, default ${DEFAULT-VALUE}).")
    int maxNestingDepth;

    @Option(names = "--max-paragraph-chars", paramLabel = "N",
            defaultValue = "${env:KB_MAX_PARAGRAPH_CHARS:-" + IngestLimits.DEFAULT_PARAGRAPH_CHARS + "}",
            description = "Longer paragraphs are split and reported (env KB_MAX_PARAGRAPH_CHARS, default "
                    + "${DEFAULT-VALUE}).")
    int maxParagraphChars;

    IngestLimits limits() {
        try {
            return new IngestLimits(maxFileBytes, maxLinksPerDocument, maxNestingDepth, maxParagraphChars);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
