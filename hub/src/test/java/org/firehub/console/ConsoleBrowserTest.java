package org.firehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.firehub.people.Role;
import org.firehub.testing.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium at phone size (360 px), against the real API over
 * PostgreSQL: a supervisor dispatches a patrol finding by choosing the grid worker by name; the
 * worker signs in, finds the ticket (hazard and venue in words), works it to SUBMITTED; the
 * supervisor verifies it; another grid's ticket is "not found". Screenshots of the
 * login, the list and the ticket page land in target/screenshots.
 */
class ConsoleBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ConsoleHarness hub;

    @BeforeAll
    static void start() {
        hub = new ConsoleHarness("console_browser");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aGridWorkerWorksTheirTicketAndASupervisorClosesIt() {
        var supervisor = hub.person(Role.SUPERVISOR, null);
        var worker = hub.person(Role.GRID_WORKER, "G01", "王伟");
        var g02Worker = hub.person(Role.GRID_WORKER, "G02", "孙明");
        long g01Venue = hub.venue("G01", "老街面馆");
        long mine = hub.ticket(supervisor, g01Venue, "blocked_exit");
        long gridOpen = hub.ticket(supervisor, g01Venue, "e_bike_charging");
        long otherGrid = hub.ticket(supervisor, hub.venue("G02"), "blocked_exit");

        try (TestBrowser browser = TestBrowser.phone()) {
            WebDriver driver = browser.driver();
            driver.get(hub.baseUrl + "/console/");
            // No session: the login page, in Chinese by default.
            WebElement signIn = waitFor(driver, By.id("signin"));
            assertThat(driver.getCurrentUrl()).endsWith("/console/login.html");
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(signIn.getText()).isEqualTo("登录");
            browser.screenshot("console-login-360");
            driver.findElement(By.id("lang")).click();
            assertThat(driver.findElement(By.id("signin")).getText()).isEqualTo("Sign in");
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            driver.findElement(By.id("lang")).click();

            // A wrong password is refused with the server's reason, and the page stays.
            signInAs(driver, worker.username(), "wrong password");
            new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("error")).getText().isEmpty());
            assertThat(driver.findElement(By.id("error")).getText()).contains("登录失败");

            // The supervisor dispatches by choosing the grid's worker by name; another grid's is not offered.
            signInAs(driver, supervisor.username(), ConsoleHarness.PASSWORD);
            waitFor(driver, By.id("tab-mine"));
            driver.get(hub.baseUrl + "/console/#/ticket/" + mine);
            waitForState(driver, "OPEN");
            assertThat(driver.findElement(By.id("ticket-title")).getText()).endsWith("安全出口堵塞");
            WebElement venueLink = driver.findElement(By.cssSelector("#view a.venue"));
            assertThat(venueLink.getText()).isEqualTo("老街面馆");
            assertThat(venueLink.getAttribute("href")).endsWith("#/venue/" + g01Venue);
            Select assignee = new Select(driver.findElement(By.id("assignee")));
            assertThat(assignee.getOptions()).extracting(WebElement::getText)
                    .contains("王伟 · 网格员").noneMatch(text -> text.contains("孙明") || text.contains(g02Worker.username()));
            browser.screenshot("console-dispatch-360");
            assignee.selectByVisibleText("王伟 · 网格员");
            driver.findElement(By.id("step-dispatch")).click();
            waitForState(driver, "DISPATCHED");
            assertThat(driver.findElement(By.id("view")).getText()).contains(worker.username());
            driver.findElement(By.id("logout")).click();

            signInAs(driver, worker.username(), ConsoleHarness.PASSWORD);
            waitFor(driver, By.cssSelector("#tickets li[data-ticket='" + mine + "']"));
            assertThat(driver.findElements(By.cssSelector("#tickets li"))).hasSize(1);
            WebElement card = driver.findElement(By.cssSelector("#tickets li[data-ticket='" + mine + "']"));
            assertThat(card.getText()).contains("安全出口堵塞").contains("老街面馆").doesNotContain("blocked_exit");
            browser.screenshot("console-tickets-360");

            // "My grids": the grid's open ticket too, never the other grid's.
            driver.findElement(By.id("tab-grid")).click();
            waitFor(driver, By.cssSelector("#tickets li[data-ticket='" + gridOpen + "']"));
            assertThat(driver.findElements(By.cssSelector("#tickets li[data-ticket='" + otherGrid + "']"))).isEmpty();

            driver.get(hub.baseUrl + "/console/#/ticket/" + mine);
            waitForState(driver, "DISPATCHED");
            assertThat(driver.findElements(By.id("step-verify"))).isEmpty();
            driver.findElement(By.id("step-accept")).click();
            waitForState(driver, "RECTIFYING");
            driver.findElement(By.id("note")).sendKeys("Exit cleared, boxes moved to the store room");
            // Without a photo the server refuses the step, and the page shows its reason.
            driver.findElement(By.id("step-submit")).click();
            new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("step-message")).getText().isEmpty());
            assertThat(driver.findElement(By.id("ticket-state")).getAttribute("data-state")).isEqualTo("RECTIFYING");
            driver.findElement(By.id("photo")).sendKeys(photo().toString());
            driver.findElement(By.id("step-submit")).click();
            waitForState(driver, "SUBMITTED");
            waitFor(driver, By.cssSelector(".photos img"));
            new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("const i = document.querySelector('.photos img'); return i.complete && i.naturalWidth > 0;")));
            assertThat(driver.findElement(By.id("history")).getText()).contains("Exit cleared, boxes moved to the store room");
            browser.screenshot("console-ticket-360");

            // Another grid's ticket looks exactly like a missing one.
            driver.get(hub.baseUrl + "/console/#/ticket/" + otherGrid);
            new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("error")).getText().contains("未找到"));
            assertThat(driver.findElement(By.id("view")).getText()).doesNotContain("blocked_exit");

            driver.findElement(By.id("logout")).click();
            waitFor(driver, By.id("signin"));
            driver.get(hub.baseUrl + "/console/");
            waitFor(driver, By.id("signin"));

            signInAs(driver, supervisor.username(), ConsoleHarness.PASSWORD);
            waitFor(driver, By.id("tab-mine"));
            driver.get(hub.baseUrl + "/console/#/ticket/" + mine);
            waitForState(driver, "SUBMITTED");
            driver.findElement(By.id("step-verify")).click();
            waitForState(driver, "CLOSED");
        }
        JsonObject closed = new JsonObject(hub.get("/api/v1/tickets/" + mine, supervisor).body());
        assertThat(closed.getString("state")).isEqualTo("CLOSED");
    }

    @Test
    void theLiveFeedShowsARaisedAlarmOfTheWorkersGrid() {
        var worker = hub.person(Role.GRID_WORKER, "G07");
        long venue = hub.venue("G07");
        String device = hub.device(venue);
        try (TestBrowser browser = TestBrowser.phone()) {
            WebDriver driver = browser.driver();
            driver.get(hub.baseUrl + "/console/login.html");
            signInAs(driver, worker.username(), ConsoleHarness.PASSWORD);
            waitFor(driver, By.id("tab-mine"));
            driver.get(hub.baseUrl + "/console/#/feed");
            // The stream is open (with the session cookie, no token in the URL) before the alarm is raised.
            new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("feed-status")).getText().equals("已连接"));
            hub.raiseSmoke(venue, device, "G07");
            WebElement item = waitFor(driver, By.cssSelector("#feed li"));
            assertThat(item.getText()).contains("smoke").contains(device).contains("raised");
            browser.screenshot("console-feed-360");
        }
    }

    @Test
    void theVenuePageChartsADevicesReadingsUnderTheStrictPolicy() {
        var supervisor = hub.person(Role.SUPERVISOR, null);
        long venue = hub.venue("G08");
        String device = hub.device(venue);
        long now = System.currentTimeMillis();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            lines.append("readings,device_id=").append(device).append(",grid=G08,kind=gas temperature=").append(20.0 + i % 5)
                    .append(' ').append(now - i * 60_000L).append('\n');
        }
        hub.writeReadings(lines.toString());
        try (TestBrowser browser = TestBrowser.phone()) {
            WebDriver driver = browser.driver();
            driver.get(hub.baseUrl + "/console/login.html");
            signInAs(driver, supervisor.username(), ConsoleHarness.PASSWORD);
            waitFor(driver, By.id("tab-mine"));
            driver.get(hub.baseUrl + "/console/#/venue/" + venue);
            waitFor(driver, By.cssSelector("#devices li"));
            assertThat(driver.findElement(By.id("devices")).getText()).contains(device);
            driver.findElement(By.id("chart-show")).click();
            // uPlot (an ES module from the WebJar, allowed by script-src 'self') draws on a canvas.
            waitFor(driver, By.cssSelector("#chart .uplot canvas"));
            assertThat(driver.findElement(By.id("chart")).getText()).contains("temperature");
            browser.screenshot("console-venue-360");
        }
    }

    @Test
    void figuresByGridShowTheSupervisorsTicketsWithACsvLink() {
        var supervisor = hub.person(Role.SUPERVISOR, null);
        hub.ticket(supervisor, hub.venue("G09"), "blocked_exit");
        try (TestBrowser browser = TestBrowser.desktop()) {
            WebDriver driver = browser.driver();
            driver.get(hub.baseUrl + "/console/login.html");
            signInAs(driver, supervisor.username(), ConsoleHarness.PASSWORD);
            waitFor(driver, By.id("tab-mine"));
            driver.get(hub.baseUrl + "/console/#/figures");
            WebElement g09 = waitFor(driver, By.cssSelector("#figures tr[data-group='G09']"));
            assertThat(g09.findElements(By.tagName("td")).get(1).getText()).isEqualTo("1");
            String csv = driver.findElement(By.id("figures-csv")).getAttribute("href");
            assertThat(csv).endsWith("/api/v1/figures/tickets?by=grid&format=csv");
            browser.screenshot("console-figures-desktop");
        }
    }

    /** A small real JPEG on disk, as a phone camera would hand the file input. */
    private static java.nio.file.Path photo() {
        try {
            var image = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(java.awt.Color.ORANGE);
            g.fillRect(0, 0, 320, 240);
            g.setColor(java.awt.Color.DARK_GRAY);
            g.fillRect(40, 60, 200, 100);
            g.dispose();
            java.nio.file.Path file = java.nio.file.Files.createTempFile("console-photo-", ".jpg");
            javax.imageio.ImageIO.write(image, "jpg", file.toFile());
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void signInAs(WebDriver driver, String username, String password) {
        WebElement user = waitFor(driver, By.id("username"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.id("password"));
        pass.clear();
        pass.sendKeys(password);
        driver.findElement(By.id("signin")).click();
    }

    private static WebElement waitFor(WebDriver driver, By what) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static void waitForState(WebDriver driver, String state) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "ticket page shows: " + driver.findElement(By.id("view")).getText() + " / "
                        + driver.findElement(By.id("error")).getText())
                .until(d -> !d.findElements(By.cssSelector("#ticket-state[data-state='" + state + "']")).isEmpty());
    }
}
