package org.firehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.firehub.testing.Await;
import org.firehub.testing.FreePorts;
import org.firehub.testing.HubProcess;
import org.firehub.testing.TestBrowser;
import org.firehub.testing.TestInflux;
import org.firehub.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The people's side of the hub process as a phone shows it (headless Chromium at 360 px): a
 * resident opens the venue's QR link, sees its level and files a hazard report, which becomes
 * the venue's one triage ticket; the grid worker signs in to the console of the same hub, finds
 * it, dispatches it to themself, accepts it and submits it with a photo; the supervisor closes it.
 * The screenshot of the public page at 360 px is the one kept in docs/screenshots/ (refreshed by
 * running this test with -Dfirehub.screenshots.docs=true).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PeopleSideBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PASSWORD = "inspector-password-1";

    @TempDir
    static Path home;
    private static HubProcess hub;
    private static String admin;

    @BeforeAll
    static void start() {
        int port = FreePorts.next();
        hub = HubProcess.create(home, TestPostgres.shared().newDatabase("peopleside"), TestInflux.shared().url())
                .with("FIREHUB_INFLUX_DB", "firehub_peopleside")
                .with("FIREHUB_HTTP_PORT", Integer.toString(port))
                .with("FIREHUB_PUBLIC_URL", "http://127.0.0.1:" + port)
                // The browser fills the form faster than a person can; the fill-time guard itself is
                // PublicReportTest's subject, so here it is off instead of waited out.
                .with("FIREHUB_REPORT_MIN_FILL_MS", "0").start();
        Await.until("hub healthy", Duration.ofSeconds(60), () -> hub.healthStatus() == 200);
        admin = hub.adminToken();
    }

    @AfterAll
    static void stop() {
        if (hub != null) hub.close();
    }

    @Test
    void aResidentReportsAHazardFromTheQrPageAndTheInspectorFindsItInTheConsole() throws Exception {
        JsonNode venue = hub.post("/api/v1/venues", admin, Map.of("name", "老王面馆", "address", "东街 3 号",
                "type", "restaurant", "grid", "B-G1"), 201);
        long venueId = venue.path("id").asLong();
        // A major hazard found on patrol: the page must show the venue as not green, with a reason.
        hub.post("/api/v1/tickets", admin, Map.of("venueId", venueId, "hazard", "blocked_exit", "severity", "major",
                "note", "rear exit blocked"), 201);
        long worker = hub.post("/api/v1/users", admin, Map.of("username", "b.worker", "role", "grid_worker", "password", PASSWORD,
                "grids", java.util.List.of("B-G1")), 201).path("id").asLong();
        hub.post("/api/v1/users", admin, Map.of("username", "b.super", "role", "supervisor", "password", PASSWORD), 201);

        try (TestBrowser browser = TestBrowser.phone()) {
            WebDriver driver = browser.driver();
            driver.get(venue.path("publicUrl").asText());
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("老王面馆");
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).startsWith("zh");
            var level = driver.findElement(By.cssSelector("section.level"));
            assertThat(level.getAttribute("class")).doesNotContain("level-green");
            assertThat(driver.findElements(By.cssSelector("ul.reasons li"))).isNotEmpty();
            assertThat(driver.getPageSource()).doesNotContain("rear exit blocked");
            Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth.intValue()).as("no sideways scrolling on a 360 px phone").isLessThanOrEqualTo(360);
            keep(browser.screenshot("public-page-360"), "public-page-360.png");

            driver.findElement(By.id("description")).sendKeys("后门通道堆满纸箱，电动车在店内充电");
            driver.findElement(By.cssSelector("#report button[type=submit]")).click();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlContains("/thanks"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("感谢您的报告");
        }

        JsonNode triage = Await.value("the resident's report as a ticket", WAIT,
                () -> json("/api/v1/tickets?venueId=" + venueId + "&hazard=resident_report", admin), list -> list.size() == 1);
        long ticket = triage.get(0).path("id").asLong();
        assertThat(triage.get(0).path("source").asText()).isEqualTo("resident_report");

        try (TestBrowser browser = TestBrowser.phone()) {
            WebDriver driver = browser.driver();
            signIn(driver, "b.worker");
            driver.get(hub.httpUrl() + "/console/#/ticket/" + ticket);
            // The resident's words reach the inspector (the ticket's history), never the public page.
            new WebDriverWait(driver, WAIT).until(d -> d.getPageSource().contains("后门通道堆满纸箱"));
            browser.screenshot("console-resident-report-360");

            // The grid worker takes it on, moves the crates, and submits with a photo.
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#assignee option[value='" + worker + "']")).isEmpty());
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("assignee"))).selectByValue(Long.toString(worker));
            driver.findElement(By.id("step-dispatch")).click();
            waitForState(driver, "DISPATCHED");
            driver.findElement(By.id("step-accept")).click();
            waitForState(driver, "RECTIFYING");
            driver.findElement(By.id("note")).sendKeys("纸箱已清走，电动车已移出");
            driver.findElement(By.id("photo")).sendKeys(photo().toString());
            driver.findElement(By.id("step-submit")).click();
            waitForState(driver, "SUBMITTED");
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".photos img")));
            // The venue page shows the level the residents see, with its reasons.
            driver.get(hub.httpUrl() + "/console/#/venue/" + venueId);
            var venueLevel = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("venue-level")));
            assertThat(venueLevel.getAttribute("data-level")).isNotEqualTo("green");
            assertThat(venueLevel.findElements(By.cssSelector("ul.reasons li"))).isNotEmpty();
            browser.screenshot("console-venue-level-360");

            driver.findElement(By.id("logout")).click();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));

            // The supervisor verifies it: the hazard is closed.
            signIn(driver, "b.super");
            driver.get(hub.httpUrl() + "/console/#/ticket/" + ticket);
            waitForState(driver, "SUBMITTED");
            driver.findElement(By.id("step-verify")).click();
            waitForState(driver, "CLOSED");
        }
        assertThat(json("/api/v1/tickets/" + ticket, admin).path("state").asText()).isEqualTo("CLOSED");
    }

    private static void signIn(WebDriver driver, String username) {
        driver.get(hub.httpUrl() + "/console/");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("signin")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("login.html"));
    }

    private static void waitForState(WebDriver driver, String state) {
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.id("ticket-state")).stream()
                .anyMatch(e -> state.equals(e.getAttribute("data-state"))));
    }

    /** A small real JPEG on disk, as a phone camera hands it to the file input. */
    private static Path photo() throws Exception {
        var image = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        Path file = Files.createTempFile(home, "photo-", ".jpg");
        javax.imageio.ImageIO.write(image, "jpg", file.toFile());
        return file;
    }

    private static JsonNode json(String path, String token) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpUrl() + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    /** With -Dfirehub.screenshots.docs=true the screenshot replaces the one kept in docs/screenshots/. */
    private static void keep(Path screenshot, String name) throws Exception {
        if (!Boolean.getBoolean("firehub.screenshots.docs")) return;
        Path docs = Path.of("..", "docs", "screenshots");
        Files.createDirectories(docs);
        Files.copy(screenshot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
