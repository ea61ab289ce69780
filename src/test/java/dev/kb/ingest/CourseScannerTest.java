package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseScannerTest {

    @Test
    void symbolic_links_out_of_the_root_and_to_directories_are_skipped_and_reported(@TempDir Path tmp) throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.md"), "# secret");
        Path course = Files.createDirectories(tmp.resolve("course"));
        Files.writeString(course.resolve("README.md"), "# Course");
        Files.createDirectories(course.resolve("docs"));
        Files.writeString(course.resolve("docs/real.md"), "# Real");
        Files.createSymbolicLink(course.resolve("leak.md"), outside);
        Files.createSymbolicLink(course.resolve("alias.md"), course.resolve("docs/real.md"));
        Files.createSymbolicLink(course.resolve("docs/loop"), course);
        Files.createSymbolicLink(course.resolve("dangling.md"), course.resolve("nowhere.md"));

        CourseScanner.Scan scan = CourseScanner.scan(course);

        assertThat(scan.files()).extracting(CourseScanner.SourceFile::path)
                .containsExactly("README.md", "alias.md", "docs/real.md");
        assertThat(scan.issues()).extracting(RunIssue::path, RunIssue::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("leak.md", "symbolic link points outside the course root"),
                org.assertj.core.groups.Tuple.tuple("docs/loop", "symbolic link to a directory is not followed"),
                org.assertj.core.groups.Tuple.tuple("dangling.md", "broken symbolic link"));
    }

    @Test
    void hidden_folders_are_not_entered_and_non_markdown_files_are_assets(@TempDir Path course) throws Exception {
        Files.createDirectories(course.resolve(".git"));
        Files.writeString(course.resolve(".git/HEAD.md"), "x");
        Files.writeString(course.resolve("a.MD"), "# A");
        Files.writeString(course.resolve("b.markdown"), "# B");
        Files.write(course.resolve("pic.png"), new byte[] {1, 2, 3});

        CourseScanner.Scan scan = CourseScanner.scan(course);

        assertThat(scan.markdown()).extracting(CourseScanner.SourceFile::path).containsExactly("a.MD", "b.markdown");
        assertThat(scan.assets()).extracting(CourseScanner.SourceFile::path).containsExactly("pic.png");
    }
}
