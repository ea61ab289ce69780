package dev.kb.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog file: the issue's format read as written, and every mistake one line naming the entry. */
class CatalogFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("courses.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void the_issues_example_is_read_with_paths_relative_to_the_file() throws IOException {
        Files.createDirectories(dir.resolve("drafts/new-course"));
        CatalogFile.Catalog catalog = CatalogFile.read(write("""
                poll: 10m
                courses:
                  - id: istio
                    git: https://github.com/jmetzger/training-istio-kubernetes.git
                    ref: main
                  - id: mysql
                    git: file:///srv/courses/mysql.git
                    ref: v2
                    subdir: course
                    poll: 1m
                  - id: local-draft
                    path: ./drafts/new-course
                """));

        assertThat(catalog.poll()).isEqualTo(Duration.ofMinutes(10));
        assertThat(catalog.courses()).extracting(CourseSource::id).containsExactly("istio", "mysql", "local-draft");
        CourseSource mysql = catalog.courses().get(1);
        assertThat(mysql.url()).isEqualTo("file:///srv/courses/mysql.git");
        assertThat(mysql.ref()).isEqualTo("v2");
        assertThat(mysql.subdir()).isEqualTo("course");
        assertThat(mysql.poll()).isEqualTo(Duration.ofMinutes(1));
        assertThat(catalog.courses().get(0).ref()).isEqualTo("main");
        assertThat(catalog.courses().get(2).isGit()).isFalse();
        assertThat(catalog.courses().get(2).directory()).isEqualTo(dir.resolve("drafts/new-course").toAbsolutePath());
    }

    @Test
    void each_mistake_is_one_line_naming_the_entry_and_the_problem() throws IOException {
        String head = "courses:\n  - id: ok\n    git: file:///srv/ok.git\n";
        assertRefused(head + "  - id: mysql\n    git: file:///srv/m.git\n    subdir: ../../etc\n",
                "entry 2 (mysql)", "climbs out of the repository");
        assertRefused(head + "  - id: mysql\n    git: file:///srv/m.git\n    branch: main\n",
                "entry 2 (mysql)", "unknown key 'branch'");
        assertRefused(head + "  - git: file:///srv/m.git\n", "entry 2", "no id");
        assertRefused(head + "  - id: Bad Id\n    git: file:///srv/m.git\n", "entry 2 (Bad Id)", "not a valid course id");
        assertRefused(head + "  - id: both\n    git: file:///srv/m.git\n    path: .\n", "entry 2 (both)", "not both");
        assertRefused(head + "  - id: neither\n    ref: main\n", "entry 2 (neither)", "not neither");
        assertRefused(head + "  - id: slow\n    git: file:///srv/m.git\n    poll: often\n", "entry 2 (slow)",
                "'often' is not a duration");
        assertRefused(head + "  - id: ok\n    git: file:///srv/other.git\n", "entry 2 (ok)", "taken by an earlier entry");
        assertRefused(head + "  - id: gone\n    path: ./nowhere\n", "entry 2 (gone)", "no course directory at ./nowhere");
        assertRefused(head + "  - id: web\n    git: www.example.org/course\n", "entry 2 (web)", "is not a git URL");
        assertRefused(head + "  - id: x\n   git: [unclosed\n", "not valid YAML at line", "");
        assertRefused("course:\n  - id: x\n", "has no 'courses:' list", "");
        assertRefused("courses: []\n", "lists no course", "");
    }

    private void assertRefused(String yaml, String where, String problem) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> CatalogFile.read(file)).isInstanceOf(CatalogFile.Invalid.class)
                .hasMessageContaining("catalog " + file).hasMessageContaining(where).hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
