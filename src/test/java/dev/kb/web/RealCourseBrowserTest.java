package dev.kb.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Browser;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The search page over the real course (../shared; skipped where it or chromium is absent): the participant's
 * flow, and how long after typing stops the first results are painted, measured in the browser with the
 * Performance API over the judged dev queries and written to target/browser/first-results.txt (reported in
 * docs/benchmarks.md; no timing is asserted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealCourseBrowserTest {
    private TestApp app;
    private Browser browser;

    @RegisterExtension
    final Browser.OnFailure evidence = new Browser.OnFailure(() -> browser);

    @BeforeAll
    void start() {
        Path course = Courses.assumeReal();
        Browser.assumeInstalled();
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private List<WebElement> hits() {
        return browser.driver().findElements(By.cssSelector("#results a.hit-link"));
    }

    /** Milliseconds from the last keystroke to the frame after the results were put in, or -1 before that. */
    private double firstResultsPaint() {
        Object ms = browser.script("var t = performance.getEntriesByName('kb-typed', 'mark');"
                + "var p = performance.getEntriesByName('kb-results-painted', 'mark');"
                + "return t.length && p.length ? p[p.length - 1].startTime - t[t.length - 1].startTime : -1;");
        return ((Number) ms).doubleValue();
    }

    @Test
    void typed_queries_show_results_that_open_their_section_and_the_first_paint_is_measured() throws IOException {
        List<String> queries = new ArrayList<>();
        for (String line : Files.readAllLines(Courses.real().orElseThrow().resolve("../../eval/queries-dev.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                queries.add(line.split("\t")[0]);
            }
        }
        assertThat(queries).isNotEmpty();
        // One search first, so the JVM's and the index's first-use costs are not in the figures.
        browser.driver().get("http://localhost:" + app.port() + "/");
        browser.driver().findElement(By.id("q")).sendKeys("kubernetes");
        browser.waiting().until(d -> !hits().isEmpty());

        List<Double> times = new ArrayList<>();
        List<Double> fetches = new ArrayList<>();
        for (String query : queries) {
            browser.driver().get("http://localhost:" + app.port() + "/");
            browser.driver().findElement(By.id("q")).sendKeys(query);
            browser.waiting().until(d -> firstResultsPaint() >= 0);
            times.add(firstResultsPaint());
            fetches.add(((Number) browser.script("var r = performance.getEntriesByType('resource').filter("
                    + "function (e) { return e.name.indexOf('/search/results?') >= 0; });"
                    + "return r.length ? r[r.length - 1].responseEnd - r[r.length - 1].startTime : -1;")).doubleValue());
            assertThat(browser.driver().getCurrentUrl()).as(query).contains("q=");
        }
        String report = "first results painted after the last keystroke (120 ms debounce included), " + times.size()
                + " queries of queries-dev.tsv: " + summary(times) + "\n"
                + "of which the results request (fetch start to response end): " + summary(fetches) + "\n";
        Files.createDirectories(Path.of("target", "browser"));
        Files.writeString(Path.of("target", "browser", "first-results.txt"), report);
        System.out.print(report);

        // The participant's flow on the real course: the first hit of the last query opens its section.
        String first = hits().get(0).getAttribute("href");
        hits().get(0).click();
        browser.waiting().until(ExpectedConditions.urlToBe(first));
        assertThat(browser.driver().findElements(By.cssSelector("article.document"))).hasSize(1);
        if (first.contains("#")) {
            String anchor = java.net.URLDecoder.decode(first.substring(first.indexOf('#') + 1),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(browser.driver().findElements(By.id(anchor))).as(anchor).isNotEmpty();
        }
        assertThat(browser.consoleProblems()).isEmpty();
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return String.format(Locale.ROOT, "median %.0f ms, p90 %.0f ms, max %.0f ms", sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1), sorted.get(sorted.size() - 1));
    }

    @Test
    void the_coverage_page_of_the_real_course_has_no_serious_accessibility_violation() {
        browser.driver().get("http://localhost:" + app.port() + "/courses/" + app.report().courseId() + "/coverage");
        assertThat(browser.driver().findElements(By.cssSelector("section"))).isNotEmpty();
        // The console first: axe-core itself warns there (it reads canvases to judge contrast).
        assertThat(browser.consoleProblems()).isEmpty();
        assertThat(browser.seriousViolations()).isEmpty();
    }
}
