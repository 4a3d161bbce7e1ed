package io.gpuledger.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (never a downloaded one), on the
 * console of a ledger at a local port. Tests that need it are skipped where Chromium is not installed;
 * .ci/run installs it.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Path DOWNLOADS = Path.of("target/console-downloads");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path downloads;

    private Browser(ChromeDriver driver, int port, Path downloads) {
        this.driver = driver;
        this.baseUrl = "http://localhost:" + port;
        this.downloads = downloads;
    }

    /** A fresh browser, or the test is skipped (JUnit assumption) where Chromium is not installed. */
    public static Browser open(int port) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed");
        Path downloads = newDownloadFolder();
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), port, downloads);
    }

    private static Path newDownloadFolder() {
        try {
            Files.createDirectories(DOWNLOADS);
            return Files.createTempDirectory(DOWNLOADS.toAbsolutePath(), "browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of that name once the browser has finished saving it (Chromium writes a .crdownload first). */
    public Path downloaded(String name) {
        Path file = downloads.resolve(name);
        await(d -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(baseUrl + path);
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    public WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in on the console's first page with the key, as a person types it. */
    public void signIn(String key) {
        go("/console/");
        script("sessionStorage.clear()");
        go("/console/");
        WebElement field = visible(By.id("api-key"));
        field.sendKeys(key);
        driver.findElement(By.id("sign-in")).click();
    }

    /** Saves what the browser shows under target/console-screenshots/NAME.png, and answers the file. */
    public Path screenshot(String name) {
        return screenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
