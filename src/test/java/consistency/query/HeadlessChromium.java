package consistency.query;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's chromium driven through its chromedriver (never a downloaded browser): headless, memory-capped,
 * without the sandbox when running as root, which chromium refuses otherwise.
 */
final class HeadlessChromium {

    static final String INSTALL = "apt-get install chromium chromium-driver";

    private HeadlessChromium() {
    }

    static ChromeDriver start(String windowSize) {
        Path browser = executable("dashboard.chromium", "/usr/bin/chromium");
        Path driver = executable("dashboard.chromedriver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
                "--renderer-process-limit=2", "--js-flags=--max-old-space-size=256", "--window-size=" + windowSize);
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private static Path executable(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is not there: the browser test needs Debian's chromium and its "
                    + "driver (" + INSTALL + "; .ci/run installs them), or -D" + property + "=PATH");
        }
        return path;
    }
}
