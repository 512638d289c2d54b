package consistency.query;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The dashboard in a real headless browser against the in-process service and the real stack: a run started
 * from the form is followed live on the confidence stream, and the window inspector shows what the API answers.
 */
@QuarkusTest
class DashboardIT {

    static final Path SCREENSHOT = Path.of("target", "dashboard", "dashboard.png");
    private static final Duration PIPELINE = Duration.ofSeconds(150);

    @TestHTTPResource("/")
    URL page;

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = HeadlessChromium.start("1400,2400");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRunStartedFromTheFormIsFollowedLiveAndItsWindowsMatchTheApi() throws Exception {
        browser.get(page.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> "live".equals(find("#stream-state").getDomAttribute("data-state")));
        assertThat(find("#flink-link").getDomAttribute("href"))
                .isEqualTo(ConfigProvider.getConfig().getValue("lab.flink.web-url", String.class));
        assertThat(find("#openapi-link").getDomAttribute("href")).isEqualTo("/q/openapi");

        find("button[name=preset][value=duplicates]").click();
        type("input[name=keys]", "2");
        type("input[name=events_per_key]", "60");
        type("input[name=events_per_second]", "120");
        assertThat(JsonPath.from(find("#run-request").getDomProperty("textContent").replace("POST /api/runs", ""))
                .getDouble("duplicates.rate")).isEqualTo(0.2);
        find("#start-run").click();
        String runId = await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElements(By.cssSelector("#run-started")).stream()
                        .map(e -> e.getDomAttribute("data-run-id")).findFirst().orElse(null), id -> id != null);
        given().get("/api/runs/" + runId).then().statusCode(200)
                .body("scenario.keys", equalTo(2)).body("scenario.duplicates.rate", equalTo(0.2f));
        await().atMost(Duration.ofSeconds(30)).until(() -> !rows("#runs tr[data-run-id='" + runId + "']").isEmpty());

        // The feed follows the new run: confidence changes arrive over the stream as the windows are decided.
        String feedRow = "#feed tr.change[data-run-id='" + runId + "']";
        await().atMost(PIPELINE).ignoreExceptions().until(() -> rows(feedRow).size() >= 2);
        WebElement change = rows(feedRow).getLast();
        String key = change.getDomAttribute("data-business-key");
        assertThat(key).startsWith(runId + "-acct-");
        assertThat(Set.of("HIGH", "EVENTUALLY_CONSISTENT", "LOW")).contains(change.getDomAttribute("data-new-confidence"));
        assertThat(Integer.parseInt(find("#feed-count").getText())).isGreaterThanOrEqualTo(rows(feedRow).size());

        // The inspector shows the key's windows as the API answers them, and the truth as the verdict has it.
        change.findElement(By.cssSelector(".pick-key")).click();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> key.equals(find("#inspected-key").getText()));
        await().atMost(PIPELINE).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(shownWindows()).as("inspector for %s", key).isEqualTo(apiWindows(key));
            assertThat(shownTruth()).isEqualTo(verdictTruth(runId, key)).isNotEmpty();
        });

        assertStoreLagPanel();
        SCREENSHOT.toFile().getParentFile().mkdirs();
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readAllBytes(SCREENSHOT)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void theDecisionTableShowsTheLatestExperimentBesideTheExpectedOutcome() throws Exception {
        String folder = "experiment-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        Path report = Path.of(ConfigProvider.getConfig().getValue("lab.experiments.dir", String.class), folder, "report.json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, ExperimentResourceTest.report("2026-11-25T12:00:00Z", "DIFFERS"));
        given().get("/api/experiments/latest").then().statusCode(200).body("rows.size()", equalTo(2));

        browser.get(page.toString());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> rows("#decision-table tr.decision-row").size() == 2);
        WebElement differs = find("#decision-table tr.decision-row[data-engine=FLINK]");
        assertThat(differs.getDomAttribute("data-result")).isEqualTo("DIFFERS");
        assertThat(text(differs, "td[data-field=postgres]")).startsWith("update").contains("expected stable");
        assertThat(differs.getDomAttribute("title")).isEqualTo("decisions {INSERTED=84, WINDOW_RECOMPUTED=3}");
        WebElement matches = find("#decision-table tr.decision-row[data-engine=KAFKA_ONLY]");
        assertThat(text(matches, "[data-field=result]")).isEqualTo("MATCHES");
        assertThat(text(matches, "td[data-field=decision]")).isEqualTo("confidence=LOW");
        assertThat(find("#experiment").getText()).contains("1 of 2 rows match");
    }

    /** A 404 from GET /api/read-models is shown as such; otherwise the chart and the table of stores. */
    private static void assertStoreLagPanel() {
        int status = given().get("/api/read-models").statusCode();
        if (status == 404) {
            assertThat(find("#lag-unavailable").getText()).contains("GET /api/read-models answered 404");
        } else {
            List<String> stores = given().get("/api/read-models").jsonPath().getList("store");
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                assertThat(rows("#lag table.read-models tbody tr").stream().map(r -> r.getDomAttribute("data-store")))
                        .containsExactlyElementsOf(stores);
                assertThat(rows("#lag-chart canvas")).isNotEmpty();
            });
        }
    }

    /** {@code ENGINE|window_start -> value v version confidence} of every PostgreSQL cell the inspector shows. */
    private static Map<String, String> shownWindows() {
        return rows("#inspector tr.window").stream()
                .filter(r -> !r.findElements(By.cssSelector("td[data-store=POSTGRES] [data-field=value]")).isEmpty())
                .collect(Collectors.toMap(DashboardIT::windowOf, r -> {
                    WebElement cell = r.findElement(By.cssSelector("td[data-store=POSTGRES]"));
                    return text(cell, "[data-field=value]") + " v" + text(cell, "[data-field=version]") + " "
                            + cell.findElement(By.cssSelector("[data-confidence]")).getDomAttribute("data-confidence");
                }));
    }

    private static Map<String, String> apiWindows(String key) {
        List<Map<String, Object>> windows = given().get("/api/aggregates/" + key + "?scope=STRONG")
                .then().statusCode(200).extract().jsonPath().getList("windows");
        return windows.stream().collect(Collectors.toMap(w -> w.get("processing_engine") + "|" + w.get("window_start"),
                w -> w.get("value") + " v" + w.get("version") + " " + w.get("confidence")));
    }

    /** {@code ENGINE|window_start -> expected value} of the ground-truth column. */
    private static Map<String, String> shownTruth() {
        return rows("#inspector tr.window").stream()
                .filter(r -> !r.findElements(By.cssSelector("td.truth [data-field=expected]")).isEmpty())
                .collect(Collectors.toMap(DashboardIT::windowOf, r -> text(r, "td.truth [data-field=expected]")));
    }

    private static Map<String, String> verdictTruth(String runId, String key) {
        List<Map<String, Object>> windows = given().get("/api/runs/" + runId + "/verdict").then().statusCode(200)
                .extract().jsonPath().getList("windows.findAll { it.business_key == '" + key + "' }");
        return windows.stream().collect(Collectors.toMap(w -> w.get("engine") + "|" + w.get("window_start"),
                w -> w.get("expected") == null ? "–" : String.valueOf(w.get("expected"))));
    }

    private static String windowOf(WebElement row) {
        return row.getDomAttribute("data-engine") + "|" + row.getDomAttribute("data-window-start");
    }

    private static void type(String selector, String value) {
        find(selector).sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
    }

    private static WebElement find(String selector) {
        return browser.findElement(By.cssSelector(selector));
    }

    private static List<WebElement> rows(String selector) {
        return browser.findElements(By.cssSelector(selector));
    }

    private static String text(WebElement scope, String selector) {
        return scope.findElement(By.cssSelector(selector)).getText();
    }
}
