package dev.maillab.console.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (both named explicitly, so Selenium never
 * looks for a browser or driver to download). {@code maillab.chromium} and {@code maillab.chromedriver} name other
 * binaries; screenshots go to {@code target/screenshots/} (or {@code maillab.screenshots}).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Why no browser can be started here, or null when one can. */
    public static String missing() {
        if (browserBinary() == null) {
            return "no chromium (looked for " + looked("maillab.chromium", BROWSERS) + ")";
        }
        if (driverBinary() == null) {
            return "no chromedriver (looked for " + looked("maillab.chromedriver", DRIVERS) + ")";
        }
        return null;
    }

    public static HeadlessChromium start() {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserBinary());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root, where Chromium's own sandbox cannot start
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=en-US",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverBinary()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(120))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // a loaded 2-core machine: pages may take a while
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Path shots = Path.of(System.getProperty("maillab.screenshots", "target/screenshots"));
        return new HeadlessChromium(driver, shots);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves the whole page (up to 4000 pixels high) as {@code <name>.png}; returns the file. */
    public Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        try {
            Files.createDirectories(screenshots);
            Object height = driver.executeScript("return document.documentElement.scrollHeight;");
            int h = height instanceof Number n ? Math.min(4000, n.intValue() + 40) : window.getHeight();
            driver.manage().window().setSize(new Dimension(window.getWidth(), Math.max(window.getHeight(), h)));
            Path target = screenshots.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String browserBinary() {
        return first(System.getProperty("maillab.chromium"), BROWSERS);
    }

    private static String driverBinary() {
        return first(System.getProperty("maillab.chromedriver"), DRIVERS);
    }

    private static String looked(String property, List<String> candidates) {
        String configured = System.getProperty(property);
        return configured != null && !configured.isBlank() ? configured : String.join(", ", candidates);
    }

    private static String first(String configured, List<String> candidates) {
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? configured : null;
        }
        return candidates.stream()
                .filter(c -> Files.isExecutable(Path.of(c)))
                .findFirst()
                .orElse(null);
    }
}
