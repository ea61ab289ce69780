package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.RunIssue;
import dev.kb.testing.Courses;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
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

    /**
     * A folder whose listing fails part-way (the directory iterator throws, which a file visitor's visitFileFailed
     * never sees) is one skipped folder, not a failed scan. The course is the process folder holding it.
     */
    @Test
    void a_folder_that_cannot_be_listed_is_skipped_and_the_scan_goes_on() throws Exception {
        Path unreadable = Courses.unlistableFolder();
        Assumptions.assumeTrue(unreadable != null, "no folder here refuses to be listed");
        Path course = unreadable.getParent();

        CourseScanner.Scan scan = CourseScanner.scan(course);

        String name = unreadable.getFileName().toString();
        assertThat(scan.issues()).anySatisfy(i -> {
            assertThat(i.path()).isEqualTo(name);
            assertThat(i.severity()).isEqualTo(RunIssue.Severity.SKIPPED);
            assertThat(i.reason()).contains("cannot be read");
        });
        assertThat(scan.files()).extracting(CourseScanner.SourceFile::path).contains("status", "comm");
    }
}
