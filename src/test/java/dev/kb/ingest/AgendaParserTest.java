package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.Agenda;
import dev.kb.model.CourseFiles;
import dev.kb.testing.Courses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AgendaParserTest {

    @Test
    void fixture_agenda_has_sections_modules_and_items_in_order() throws Exception {
        Agenda agenda = parse(Courses.fixture());
        assertThat(agenda.title()).isEqualTo("Fixture Course: Cloud Native Basics");
        assertThat(agenda.sections()).extracting(Agenda.Section::title).containsExactly("Agenda", "Backlog");
        assertThat(agenda.sections().get(0).modules()).extracting(Agenda.Module::title)
                .containsExactly("Einstieg", "Networking", "Security");
        assertThat(agenda.sections().get(0).modules().get(1).items()).extracting(Agenda.Item::title)
                .containsExactly("Services & DNS", "Network Policies Übung", "Ingress controllers", "Missing walkthrough");
        // A flat bullet list after the modules becomes one module named after its section.
        assertThat(agenda.sections().get(1).modules()).extracting(Agenda.Module::title)
                .containsExactly("Reorder test", "Backlog");
    }

    @Test
    void every_item_gets_its_status() throws Exception {
        Map<String, Agenda.Item> items = parse(Courses.fixture()).items().stream()
                .collect(Collectors.toMap(Agenda.Item::title, Function.identity(), (a, b) -> a));
        assertThat(items.get("Überblick").status()).isEqualTo(Agenda.Status.LINKED);
        assertThat(items.get("Überblick").targetPath()).isEqualTo("overview.md");
        assertThat(items.get("Services & DNS").fragment()).isEqualTo("service-types");
        assertThat(items.get("Network Policies Übung").targetPath()).isEqualTo("networking/policies exercise.md");
        assertThat(items.get("Ingress controllers").status()).isEqualTo(Agenda.Status.UNLINKED);
        assertThat(items.get("Missing walkthrough").status()).isEqualTo(Agenda.Status.MISSING);
        assertThat(items.get("Missing walkthrough").reason()).contains("no such file");
        assertThat(items.get("Planned: seccomp").status()).isEqualTo(Agenda.Status.EMPTY);
        assertThat(items.get("Escaping link").status()).isEqualTo(Agenda.Status.MISSING);
        assertThat(items.get("Escaping link").targetPath()).isNull();
        assertThat(items.get("Escaping link").reason()).contains("escapes the course root");
        assertThat(items.get("Guides").targetPath()).isEqualTo("guides/README.md");
    }

    @Test
    void an_external_link_broken_across_two_lines_is_one_clean_url() throws Exception {
        Agenda.Item upstream = parse(Courses.fixture()).items().stream()
                .filter(i -> i.title().equals("Upstream docs")).findFirst().orElseThrow();
        assertThat(upstream.status()).isEqualTo(Agenda.Status.EXTERNAL);
        assertThat(upstream.url()).isEqualTo("https://kubernetes.io/docs/concepts/security/");
    }

    @Test
    void fixture_counts_by_status() throws Exception {
        Map<Agenda.Status, Long> counts = parse(Courses.fixture()).items().stream()
                .collect(Collectors.groupingBy(Agenda.Item::status, Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                Agenda.Status.LINKED, 12L, Agenda.Status.MISSING, 2L, Agenda.Status.EMPTY, 1L,
                Agenda.Status.EXTERNAL, 1L, Agenda.Status.UNLINKED, 2L));
    }

    @Test
    void a_course_without_h1_or_sections_still_yields_an_agenda() {
        CourseFiles files = new CourseFiles(Set.of("a.md"), Set.of());
        Agenda agenda = AgendaParser.parse("- [A](a.md)\n- B\n", "my-course", files);
        assertThat(agenda.title()).isEqualTo("my-course");
        assertThat(agenda.items()).extracting(Agenda.Item::status)
                .containsExactly(Agenda.Status.LINKED, Agenda.Status.UNLINKED);
    }

    @Test
    void real_course_agenda_yields_37_modules_and_112_items() throws Exception {
        Agenda agenda = parse(Courses.assumeReal());
        assertThat(agenda.sections().stream().mapToInt(s -> s.modules().size()).sum()).isEqualTo(37);
        List<Agenda.Item> items = agenda.items();
        assertThat(items).hasSize(112);
        Map<Agenda.Status, Long> counts = items.stream()
                .collect(Collectors.groupingBy(Agenda.Item::status, Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                Agenda.Status.LINKED, 56L, Agenda.Status.MISSING, 1L, Agenda.Status.EMPTY, 1L,
                Agenda.Status.EXTERNAL, 10L, Agenda.Status.UNLINKED, 44L));
        assertThat(items.stream().filter(i -> i.status() == Agenda.Status.MISSING))
                .extracting(Agenda.Item::targetPath).containsExactly("explore/01-hack-session-hostpid.md");
        assertThat(items.stream().filter(i -> i.status() == Agenda.Status.EXTERNAL))
                .allSatisfy(i -> assertThat(i.url()).startsWith("http").doesNotContainAnyWhitespaces());
    }

    private static Agenda parse(Path course) throws Exception {
        CourseScanner.Scan scan = CourseScanner.scan(course);
        Set<String> docs = scan.markdown().stream().map(CourseScanner.SourceFile::path).collect(Collectors.toSet());
        Set<String> assets = scan.assets().stream().map(CourseScanner.SourceFile::path).collect(Collectors.toSet());
        String readme = Files.readString(course.resolve("README.md"));
        return AgendaParser.parse(readme, course.getFileName().toString(), new CourseFiles(docs, assets));
    }
}
