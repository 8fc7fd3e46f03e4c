package io.musicplatform.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.Locale;

/**
 * A browser journey: a fresh {@link Browser} for each test, closed after it, its screenshots in
 * {@code target/<journey>/}, the journey named after the class ({@code WebPlayerIT}: "web-player").
 */
abstract class BrowserJourney {

    protected Browser chromium;
    protected WebDriver browser;
    protected WebDriverWait waiting;
    protected JavascriptExecutor script;

    @BeforeEach
    void openBrowser() {
        String journey = getClass().getSimpleName().replaceFirst("IT$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        chromium = new Browser(journey);
        browser = chromium.driver;
        waiting = chromium.waiting;
        script = chromium.script();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    protected void screenshot(String name) {
        chromium.screenshot(name);
    }
}
