package dev.kb.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Browser;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The pages in a real browser (Debian's chromium, headless) against a real kb over the fixture course: what a
 * participant and a trainer do, with the keyboard too, on a phone-sized screen, with axe-core and the console
 * watching. Skipped where chromium or its driver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {
    private TestApp app;
    private Browser browser;

    @RegisterExtension
    final Browser.OnFailure evidence = new Browser.OnFailure(() -> browser);

    @BeforeAll
    void start() {
        Browser.assumeInstalled();
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
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

    @BeforeEach
    void wideScreen() {
        browser.size(1280, 900);
        browser.consoleProblems();
    }

    private String url(String path) {
        return "http://localhost:" + app.port() + path;
    }

    private void open(String path) {
        browser.driver().get(url(path));
    }

    private List<WebElement> hits() {
        return browser.driver().findElements(By.cssSelector("#results a.hit-link"));
    }

    /** The element the address's #fragment names exists: the browser landed on the section. */
    private void assertOnSection() {
        String current = browser.driver().getCurrentUrl();
        assertThat(current).contains("/topics/").contains("#");
        String fragment = java.net.URLDecoder.decode(current.substring(current.indexOf('#') + 1),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(browser.driver().findElements(By.id(fragment))).as("element #" + fragment).isNotEmpty();
    }

    @Test
    void typing_a_query_shows_results_whose_first_opens_its_section() {
        open("/");
        WebElement box = browser.driver().findElement(By.id("q"));
        box.sendKeys("capabilities");
        browser.waiting().until(d -> !hits().isEmpty());
        // The query is in the address without a form submission: shareable, and back returns to it.
        browser.waiting().until(ExpectedConditions.urlContains("q=capabilities"));
        String first = hits().get(0).getAttribute("href");
        hits().get(0).click();
        browser.waiting().until(ExpectedConditions.urlToBe(first));
        assertOnSection();
        browser.driver().navigate().back();
        browser.waiting().until(ExpectedConditions.urlContains("q=capabilities"));
        assertThat(browser.driver().findElement(By.id("q")).getAttribute("value")).isEqualTo("capabilities");
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void the_search_form_works_without_javascript_results_rendered_by_the_server() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                url("/?q=capabilities"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"hit-link\"").contains("<mark>");
    }

    @Test
    void the_whole_search_flow_works_with_the_keyboard_alone() {
        open("/courses/fixture-course");
        // "/" on any page leads to the search box.
        new Actions(browser.driver()).sendKeys("/").perform();
        browser.waiting().until(d -> d.findElements(By.id("q")).size() == 1);
        new Actions(browser.driver()).sendKeys("/").perform();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("q");
        new Actions(browser.driver()).sendKeys("non root").perform();
        browser.waiting().until(d -> !hits().isEmpty());
        String first = hits().get(0).getAttribute("href");
        new Actions(browser.driver()).sendKeys(Keys.ARROW_DOWN).perform();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("href")).isEqualTo(first);
        // Where the keyboard is can be seen: the focused result has an outline.
        assertThat(browser.script("var s = getComputedStyle(document.activeElement);"
                + "return s.outlineStyle + ' ' + s.outlineWidth;")).asString().doesNotStartWith("none").doesNotEndWith(" 0px");
        if (hits().size() > 1) {
            new Actions(browser.driver()).sendKeys(Keys.ARROW_DOWN).perform();
            assertThat(browser.driver().switchTo().activeElement().getAttribute("href"))
                    .isEqualTo(hits().get(1).getAttribute("href"));
            new Actions(browser.driver()).sendKeys(Keys.ARROW_UP).perform();
        }
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.waiting().until(ExpectedConditions.urlToBe(first));
        assertOnSection();
    }

    @Test
    void agenda_leads_to_a_topic_its_prerequisite_and_back() {
        open("/courses/fixture-course");
        List<String> topics = new ArrayList<>();
        browser.driver().findElements(By.cssSelector(".agenda a[href^='/topics/']"))
                .forEach(a -> topics.add(a.getAttribute("href")));
        assertThat(topics).isNotEmpty();
        // The first agenda topic that has a prerequisite, reached by clicking as a participant would.
        String withPrerequisite = null;
        for (String topic : topics) {
            browser.driver().get(topic);
            if (!browser.driver().findElements(By.cssSelector(".before a")).isEmpty()) {
                withPrerequisite = topic;
                break;
            }
        }
        assertThat(withPrerequisite).as("an agenda topic with a prerequisite").isNotNull();
        open("/courses/fixture-course");
        browser.driver().findElement(By.cssSelector(".agenda a[href='" + withPrerequisite.substring(url("").length())
                + "']")).click();
        browser.waiting().until(ExpectedConditions.urlToBe(withPrerequisite));
        WebElement prerequisite = browser.driver().findElement(By.cssSelector(".before a"));
        String target = prerequisite.getAttribute("href");
        String title = prerequisite.getText();
        prerequisite.click();
        browser.waiting().until(ExpectedConditions.urlToBe(target));
        assertThat(browser.driver().getTitle()).startsWith(title);
        browser.driver().navigate().back();
        browser.waiting().until(ExpectedConditions.urlToBe(withPrerequisite));
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void coverage_page_shows_a_gap_with_its_suggestion_linking_the_document() {
        open("/courses/fixture-course/coverage");
        List<WebElement> suggestions = browser.driver().findElements(By.cssSelector(".gap .suggestions a"));
        assertThat(suggestions).isNotEmpty();
        WebElement gap = suggestions.get(0).findElement(By.xpath("ancestor::div[@class='gap']"));
        assertThat(gap.findElement(By.tagName("h3")).getText()).isNotBlank();
        assertThat(gap.getText()).containsPattern("confidence \\d\\.\\d\\d");
        String target = suggestions.get(0).getAttribute("href");
        suggestions.get(0).click();
        browser.waiting().until(ExpectedConditions.urlToBe(target));
        assertThat(browser.driver().findElements(By.cssSelector("article.document"))).hasSize(1);
    }

    @Test
    void search_works_on_a_375_by_800_screen_without_sideways_scrolling() {
        browser.size(375, 800);
        open("/");
        browser.driver().findElement(By.id("q")).sendKeys("capabilities");
        browser.waiting().until(d -> !hits().isEmpty());
        assertThat(hits().get(0).isDisplayed()).isTrue();
        long inner = (Long) browser.script("return window.innerWidth;");
        for (String path : pages()) {
            open(path);
            long scroll = (Long) browser.script("return document.documentElement.scrollWidth;");
            assertThat(scroll).as(path + " is as wide as the screen").isLessThanOrEqualTo(inner);
        }
    }

    @Test
    void no_page_has_a_serious_or_critical_accessibility_violation() {
        for (String path : pages()) {
            open(path);
            if (path.equals("/api")) {
                browser.waiting().until(d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
            }
            assertThat(browser.seriousViolations()).as(path).isEmpty();
        }
    }

    @Test
    void in_dark_mode_the_pages_are_dark_and_still_pass_axe_core() {
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            for (String path : pages()) {
                if (path.equals("/api")) {
                    continue; // Swagger UI draws on its own light panel.
                }
                open(path);
                String background = String.valueOf(browser.script("return getComputedStyle(document.body).backgroundColor;"));
                assertThat(background).as(path).isEqualTo("rgb(13, 17, 23)");
                assertThat(browser.seriousViolations()).as(path).isEmpty();
            }
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
        }
    }

    @Test
    void every_page_sends_its_csp_and_the_console_shows_no_violation_or_error() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : pages()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self'").doesNotContain("unsafe-eval")
                    .doesNotContain("script-src 'self' 'unsafe-inline'");
            open(path);
            if (path.equals("/api")) {
                browser.waiting().until(d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
            }
            assertThat(browser.consoleProblems()).as(path).isEmpty();
        }
    }

    /** Every kind of page, on the fixture course. */
    private List<String> pages() {
        open("/?q=capabilities");
        String topic = hits().get(0).getAttribute("href");
        return List.of("/", "/?q=capabilities", topic.substring(url("").length()).replaceFirst("#.*", ""),
                "/courses/fixture-course", "/courses/fixture-course/coverage", "/courses/fixture-course/graph",
                "/api");
    }
}
