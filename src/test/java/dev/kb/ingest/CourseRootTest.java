package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening course files: what is inside the root is read, nothing reached through a link is. */
class CourseRootTest {

    @Test
    void a_file_inside_the_root_is_read_and_links_anywhere_on_its_path_are_refused(@TempDir Path tmp) throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("x.md"), "secret");
        Path course = Files.createDirectories(tmp.resolve("course"));
        Files.createDirectories(course.resolve("docs"));
        Files.writeString(course.resolve("docs/x.md"), "inside");
        Files.createSymbolicLink(course.resolve("leak.md"), outside.resolve("x.md"));
        Files.createSymbolicLink(course.resolve("alias"), outside);
        Files.createSymbolicLink(course.resolve("docs/inner.md"), course.resolve("docs/x.md"));
        CourseRoot root = new CourseRoot(course.toRealPath());

        assertThat(read(root, Path.of("docs/x.md"))).isEqualTo("inside");
        for (String refused : new String[] {"leak.md", "alias/x.md", "docs/inner.md"}) {
            assertThatThrownBy(() -> read(root, Path.of(refused))).as(refused)
                    .isInstanceOf(CourseRoot.Refused.class).hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> CourseRoot.openChecked(course.toRealPath(), Path.of(refused)).close())
                    .as("without openat: " + refused).isInstanceOf(CourseRoot.Refused.class);
        }
        assertThat(read(root, Path.of("docs/x.md"))).isEqualTo("inside");
    }

    @Test
    void paths_that_leave_the_root_or_name_no_regular_file_are_refused(@TempDir Path course) throws Exception {
        Files.createDirectories(course.resolve("docs"));
        Files.writeString(course.resolve("docs/x.md"), "inside");
        CourseRoot root = new CourseRoot(course.toRealPath());

        for (String refused : new String[] {"../x.md", "docs/../../x.md", "/etc/hostname", "", "docs"}) {
            assertThatThrownBy(() -> read(root, Path.of(refused))).as(refused).isInstanceOf(CourseRoot.Refused.class);
        }
        assertThatThrownBy(() -> read(root, Path.of("docs/none.md"))).isInstanceOf(java.nio.file.NoSuchFileException.class)
                .isNotInstanceOf(CourseRoot.Refused.class);
    }

    private static String read(CourseRoot root, Path relative) throws IOException {
        try (InputStream in = root.open(relative)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
