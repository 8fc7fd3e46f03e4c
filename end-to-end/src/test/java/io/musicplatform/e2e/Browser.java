package io.musicplatform.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * One headless Chromium for a browser journey: Debian's binary driven by Debian's chromedriver (named
 * outright, so Selenium Manager never tries to download a browser), explicit waits, the sign-in on
 * Keycloak's own page, and screenshots saved as test artifacts under {@code target/<journey>/}.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver driver;
    final WebDriverWait waiting;
    private final Path screenshots;

    Browser(String journey) {
        screenshots = Path.of("target", journey);
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-GB");
        driver = new ChromeDriver(service, options);
        waiting = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    }

    JavascriptExecutor script() {
        return (JavascriptExecutor) driver;
    }

    /** Opens the web app at the gateway's {@code address} and signs in on Keycloak's page; waits for the header to name the user. */
    void signIn(URI address, String username, String password) {
        driver.get(address.toString());
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("username"), "Signed in as " + username));
    }

    void screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
