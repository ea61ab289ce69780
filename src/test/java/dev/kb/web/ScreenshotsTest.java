package dev.kb.web;

import dev.kb.testing.Browser;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

/**
 * The README's screenshots, of the example course that ships with kb (what {@code ./kb serve} shows):
 * {@code mvn verify -Dtest=ScreenshotsTest -Dkb.screenshots=docs}. Off in a normal build, which must not
 * change files of the repository.
 */
@EnabledIfSystemProperty(named = "kb.screenshots", matches = ".+")
class ScreenshotsTest {

    @Test
    void search_and_coverage_pages() throws Exception {
        Path docs = Path.of(System.getProperty("kb.screenshots"));
        try (TestApp app = TestApp.start(Path.of("src/main/resources/example-course").toAbsolutePath(),
                TestDatabases.Target.EMBEDDED); Browser browser = Browser.start()) {
            browser.size(1100, 760);
            String root = "http://localhost:" + app.port();
            browser.driver().get(root + "/?lang=en");
            browser.driver().findElement(By.id("q")).sendKeys("container");
            browser.waiting().until(d -> !d.findElements(By.cssSelector("#results a.hit-link")).isEmpty());
            Thread.sleep(500);
            browser.screenshot(docs.resolve("search.png"));
            browser.driver().get(root + "/courses/example-course/coverage");
            browser.screenshot(docs.resolve("coverage.png"));
            // Two more to look at, not for the README.
            browser.driver().get(root + "/courses/example-course/graph");
            browser.screenshot(Path.of("target", "browser", "graph.png"));
            browser.driver().get(root + "/courses/example-course");
            browser.driver().findElement(By.cssSelector(".agenda a[href^='/topics/']")).click();
            browser.screenshot(Path.of("target", "browser", "topic.png"));
        }
    }
}
