package org.firehub.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs) driven by Selenium. The flags keep it off the network this machine
 * does not have (background networking, component updates, sync); the driver and browser paths
 * are given, so Selenium Manager never tries to download anything.
 *
 * <p>{@link #phone()} emulates a 360 CSS-pixel-wide phone screen, {@link #desktop()} a laptop.
 * {@link #screenshot} saves PNGs under {@code target/screenshots/}.
 */
public final class TestBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("firehub.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("firehub.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private TestBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A phone: 360 × 780 CSS pixels at device pixel ratio 2, touch, a mobile user agent. */
    public static TestBrowser phone() {
        return start(options -> options.setExperimentalOption("mobileEmulation",
                Map.of("deviceMetrics", Map.of("width", 360, "height", 780, "pixelRatio", 2.0, "touch", true),
                        "userAgent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36")));
    }

    /** A laptop-sized window, 1280 × 900. */
    public static TestBrowser desktop() {
        return start(options -> options.addArguments("--window-size=1280,900"));
    }

    private static TestBrowser start(java.util.function.Consumer<ChromeOptions> shape) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver (.ci/run does)");
        }
        try {
            Path profile = Files.createTempDirectory("firehub-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--disable-extensions", "--lang=zh-CN", "--user-data-dir=" + profile));
            // A phone in the town: Chinese first (headless Chromium otherwise asks for en-US).
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
            shape.accept(options);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new TestBrowser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows now as {@code target/screenshots/{name}.png}; returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
