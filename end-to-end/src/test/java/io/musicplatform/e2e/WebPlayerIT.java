package io.musicplatform.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web player in a real browser (issue 14, first slice): Debian's Chromium, driven by Debian's
 * chromedriver, on the suite's platform. The demo listener opens the gateway's {@code /}, signs in on
 * Keycloak's own page, types a misspelt artist ("Amelie Laurencn"), sees "Été indien" by Amélie
 * Laurençon among the results and the artist among the input's completions, presses Play with the keyboard, and the page's audio element plays
 * the signed URL straight from the storage: it fires {@code playing} and its time advances.
 * A screenshot of each step lands in {@code target/web-player/}.
 */
@ExtendWith(PlatformExtension.class)
class WebPlayerIT extends BrowserJourney {

    private static final String TRACK = "Été indien";
    private static final String ARTIST = "Amélie Laurençon";

    @Test
    void aListenerSignsInFindsATrackDespiteATypoAndPlaysIt(EndToEnd platform) {
        URI gateway = platform.gateway();
        long begin = System.nanoTime();

        // Signing in is Keycloak's own page, reached by the web app's redirect.
        browser.get(gateway + "/");
        WebElement username = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(platform.platform().servers().keycloak().realmUrl());
        screenshot("01-keycloak-sign-in");
        username.sendKeys("listener");
        browser.findElement(By.id("password")).sendKeys("listener");
        browser.findElement(By.id("kc-login")).click();

        // Back on the player, served through the gateway, signed in.
        waiting.until(ExpectedConditions.textToBe(By.id("username"), "Signed in as listener"));
        assertThat(browser.getCurrentUrl()).isEqualTo(gateway + "/");
        EndToEnd.record("web: signed in through Keycloak's page", Duration.ofNanos(System.nanoTime() - begin));
        screenshot("02-signed-in");

        // Search as you type, with a typo in the artist's name.
        WebElement search = browser.findElement(By.id("search"));
        assertThat(browser.findElement(By.cssSelector("label[for=search]")).getText()).isNotBlank();
        long typed = System.nanoTime();
        search.sendKeys("Amelie Laurencn");
        By result = By.xpath("//ol[@id='results']/li[.//span[@class='title' and text()='" + TRACK + "']]");
        WebElement item = waiting.until(ExpectedConditions.visibilityOfElementLocated(result));
        EndToEnd.record("web: results shown as the listener typed", Duration.ofNanos(System.nanoTime() - typed));
        assertThat(item.getText()).contains(ARTIST);
        // The input offers completions too (its datalist), the misspelt name completed to the artist's.
        waiting.until(driver -> Boolean.TRUE.equals(script.executeScript(
                "return [...document.querySelectorAll('#suggestions option')].some(option => option.value === arguments[0]);", ARTIST)));
        screenshot("03-search-results");

        // Play, by keyboard: the button is labelled for screen readers with the track and artist.
        WebElement play = item.findElement(By.cssSelector("button.play"));
        assertThat(play.getAttribute("aria-label")).isEqualTo("Play " + TRACK + " by " + ARTIST);
        // Records what the audio element does from now on, as the test's own probe.
        script.executeScript("""
                const audio = document.getElementById('audio');
                window.__probe = { playing: false, times: [] };
                audio.addEventListener('playing', () => { window.__probe.playing = true; });
                audio.addEventListener('timeupdate', () => { window.__probe.times.push(audio.currentTime); });
                """);
        long pressed = System.nanoTime();
        play.sendKeys(Keys.ENTER);

        waiting.until(driver -> Boolean.TRUE.equals(script.executeScript("return window.__probe.playing")));
        EndToEnd.record("web: the audio element playing after Play was pressed", Duration.ofNanos(System.nanoTime() - pressed));
        screenshot("04-playing");
        // Its time advances: two time updates, the later one further on.
        waiting.until(driver -> Boolean.TRUE.equals(script.executeScript(
                "const t = window.__probe.times; return t.length >= 2 && t[t.length - 1] > t[0] && t[t.length - 1] > 0.2;")));
        assertThat(browser.findElement(By.id("now-playing")).getText()).isEqualTo("Now playing: " + TRACK + " by " + ARTIST);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("no error shown").isFalse();

        // The audio came straight from the storage by a signed URL, not through the gateway.
        URI source = URI.create((String) script.executeScript("return document.getElementById('audio').currentSrc"));
        assertThat(source.getPort()).isNotEqualTo(gateway.getPort());
        assertThat(source.getQuery()).contains("X-Amz-Signature=");
        assertThat(platform.platform().servers().s3().endpoint()).contains(":" + source.getPort());

        // Seeking (paused first: the demo's tracks last two seconds, and the player moves on when one ends):
        // the storage answers the audio element's Range requests.
        script.executeScript("""
                const audio = document.getElementById('audio');
                audio.pause();
                window.__seeked = null;
                audio.addEventListener('seeked', () => { window.__seeked = audio.currentTime; }, { once: true });
                audio.currentTime = 1.5;
                """);
        waiting.until(driver -> script.executeScript("return window.__seeked") != null);
        assertThat(((Number) script.executeScript("return window.__seeked")).doubleValue()).isGreaterThanOrEqualTo(1.4);

        // The queue: the whole result list; Next plays the following track, Previous comes back.
        @SuppressWarnings("unchecked")
        List<String> queue = (List<String>) script.executeScript("return [...document.querySelectorAll('#queue li')].map(item => item.textContent);");
        String played = TRACK + " · " + ARTIST;
        int start = queue.indexOf(played);
        assertThat(start).as("the track in its queue " + queue).isNotNegative();
        assertThat(queue).hasSize(browser.findElements(By.cssSelector("#results > li")).size());
        int moved = start == queue.size() - 1 ? start - 1 : start + 1;
        browser.findElement(By.id(moved > start ? "next" : "previous")).click();
        String other = queue.get(moved).substring(0, queue.get(moved).indexOf(" · "));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("now-playing"), "Now playing: " + other + " by "));
        assertThat(browser.findElement(By.cssSelector("#queue li[aria-current='true']")).getText()).isEqualTo(queue.get(moved));
        browser.findElement(By.id(moved > start ? "previous" : "next")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("now-playing"), "Now playing: " + TRACK + " by " + ARTIST));

        // The same page on a phone-sized window.
        browser.manage().window().setSize(new Dimension(390, 844));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
        screenshot("05-phone-sized");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // The session gone (its cookies dropped), the next search shows the relay's problem title.
        browser.manage().getCookies().stream().filter(cookie -> cookie.getName().startsWith("q_session"))
                .forEach(cookie -> browser.manage().deleteCookie(cookie));
        search.sendKeys(Keys.BACK_SPACE);
        WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).isEqualTo("You are signed out. Reload the page to sign in.");
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        screenshot("06-signed-out-problem");
    }

    @Test
    void signingOutEndsTheSessionAtKeycloakToo(EndToEnd platform) {
        chromium.signIn(platform.gateway(), "listener", "listener");

        browser.findElement(By.id("sign-out")).click();
        // Back at the player's address, which now asks for a sign-in again: Keycloak's session ended as well.
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
        assertThat(browser.getCurrentUrl()).startsWith(platform.platform().servers().keycloak().realmUrl());
        screenshot("07-signed-out");
    }

    @Test
    void theRelayRefusesAPageCallWithoutASessionWithAProblem(EndToEnd platform) {
        // A page script calling the relay after its session ended gets a problem it can show, not a redirect.
        browser.get(platform.gateway() + "/relay/api/search?q=amelie");
        String body = browser.findElement(By.tagName("body")).getText();
        assertThat(body).contains("\"title\":\"You are signed out\"").contains("\"status\":401");
        screenshot("08-relay-without-session");
    }

}
