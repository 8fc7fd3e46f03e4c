package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new listener's journey in a real browser (issue 14): they register on Keycloak's own page (with
 * their country), land signed in, find a track despite a typo and play it from the storage, make a
 * playlist and add the track from the search's row, and share it. The demo listener joins through the
 * share link's invitation and adds a track through the API: the open page shows it live, without a
 * reload. With the page's stream cut, a change made behind its back makes the page's rename a 412:
 * the page says so and shows the playlist as it now is. Screenshots in {@code target/web-playlists/}.
 */
@ExtendWith(PlatformExtension.class)
class WebPlaylistsIT extends BrowserJourney {

    private static final String TRACK = "Été indien";
    private static final String CONFLICT = "This playlist changed while you were editing it. It has been reloaded with the other changes: check it and try again.";

    @Test
    void aNewListenerRegistersPlaysMakesAPlaylistAndSeesACollaboratorsChangeLive(EndToEnd platform) {
        URI gateway = platform.gateway();
        String username = "newcomer" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

        // Registration is Keycloak's own form, reached from its sign-in page.
        browser.get(gateway + "/");
        waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#kc-registration a, a[href*='login-actions/registration']"))).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName")));
        Map.of("username", username, "email", username + "@example.org", "firstName", "Nouvelle", "lastName", "Auditrice",
                "country", "FR", "password", "Listen-2026!", "password-confirm", "Listen-2026!")
                .forEach((field, value) -> browser.findElement(By.id(field)).sendKeys(value));
        chromium.screenshot("01-registration");
        browser.findElement(By.cssSelector("#kc-register-form [type=submit]")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("username"), "Signed in as " + username));
        chromium.screenshot("02-registered-and-signed-in");

        // A typo in the artist's name, then Play: the audio element plays the storage's signed URL.
        WebElement search = waiting.until(ExpectedConditions.elementToBeClickable(By.id("search")));
        search.sendKeys("Amelie Laurencn");
        By row = By.xpath("//ol[@id='results']/li[.//span[@class='title' and text()='" + TRACK + "']]");
        WebElement item = waiting.until(ExpectedConditions.visibilityOfElementLocated(row));
        script.executeScript("""
                const audio = document.getElementById('audio');
                window.__probe = { playing: false, times: [] };
                audio.addEventListener('playing', () => { window.__probe.playing = true; });
                audio.addEventListener('timeupdate', () => { window.__probe.times.push(audio.currentTime); });
                """);
        item.findElement(By.cssSelector("button.play")).click();
        waiting.until(driver -> Boolean.TRUE.equals(script.executeScript("return window.__probe.playing")));
        waiting.until(driver -> Boolean.TRUE.equals(script.executeScript(
                "const t = window.__probe.times; return t.length >= 2 && t[t.length - 1] > t[0];")));
        chromium.screenshot("03-playing");

        // A playlist of their own.
        browser.findElement(By.linkText("Playlists")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("playlist-name"))).sendKeys("Road trip");
        browser.findElement(By.id("playlist-create-button")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Road trip"));
        String playlist = browser.getCurrentUrl().replaceAll(".*#/playlists/", "");
        assertThat(playlist).matches("[0-9a-f-]{36}");

        // The track added from the search's row.
        browser.findElement(By.linkText("Search")).click();
        search = waiting.until(ExpectedConditions.elementToBeClickable(By.id("search")));
        search.sendKeys("Amelie Laurencn");
        item = waiting.until(ExpectedConditions.visibilityOfElementLocated(row));
        WebElement add = item.findElement(By.cssSelector("select.add-to-playlist"));
        assertThat(add.getAttribute("aria-label")).isEqualTo("Add " + TRACK + " to a playlist");
        waiting.until(driver -> new Select(add).getOptions().stream().anyMatch(option -> option.getText().equals("Road trip")));
        new Select(add).selectByVisibleText("Road trip");
        waiting.until(ExpectedConditions.textToBe(By.id("announcer"), "Added " + TRACK + " to Road trip."));
        chromium.screenshot("04-added-from-search");

        // The playlist with its track, and a share link.
        browser.get(gateway + "/#/playlists/" + playlist);
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("playlist-entries"), TRACK));
        waiting.until(ExpectedConditions.elementToBeClickable(By.id("share-make"))).click();
        WebElement link = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("share-link")));
        String shared = link.getAttribute("value");
        assertThat(shared).startsWith(gateway + "/#/playlists/" + playlist + "/join?invitation=");
        String invitation = URLDecoder.decode(shared.substring(shared.indexOf("invitation=") + "invitation=".length()),
                StandardCharsets.UTF_8);
        chromium.screenshot("05-playlist-shared");

        // The demo listener joins with the link's invitation and adds a track through the API; the open
        // page shows it, announced, without a reload.
        script.executeScript("window.__sameDocument = true;");
        String friend = platform.listener();
        platform.as(friend).contentType("application/json").body("{\"invitation\":\"" + invitation + "\"}")
                .post("/api/catalog/playlists/{id}/collaborators", playlist).then().statusCode(200);
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("playlist-live"), "listener joined"));
        JsonNode other = otherTrack(platform, friend);
        assertThat(other).as("another track of the demo library").isNotNull();
        String version = platform.as(friend).get("/api/catalog/playlists/{id}", playlist).header("ETag");
        platform.as(friend).contentType("application/json").header("If-Match", version)
                .body("{\"trackIds\":[\"" + other.path("trackId").asText() + "\"]}")
                .post("/api/catalog/playlists/{id}/tracks", playlist).then().statusCode(200);
        long sent = System.nanoTime();
        String title = other.path("title").asText();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("playlist-entries"), title));
        EndToEnd.record("web: a collaborator's track shown live on the open playlist", Duration.ofNanos(System.nanoTime() - sent));
        waiting.until(ExpectedConditions.textToBe(By.id("playlist-live"), "listener added " + title + "."));
        assertThat(script.executeScript("return window.__sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
        List<WebElement> rows = browser.findElements(By.cssSelector("#playlist-entries > li"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getText()).contains(title);
        chromium.screenshot("06-collaborator-change-live");

        // The stream cut (as on a lost connection), a change behind the page's back: the page's rename is
        // made on an older version, refused with 412, said plainly, and the playlist shown as it is now.
        ChromeDriver cdp = (ChromeDriver) browser;
        cdp.executeCdpCommand("Network.enable", Map.of());
        cdp.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/catalog/me/stream*")));
        browser.navigate().refresh();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("playlist-entries"), title));
        String current = platform.as(friend).get("/api/catalog/playlists/{id}", playlist).header("ETag");
        platform.as(friend).contentType("application/json").header("If-Match", current).body("{\"name\":\"Road trip (with friends)\"}")
                .patch("/api/catalog/playlists/{id}", playlist).then().statusCode(200);
        WebElement rename = browser.findElement(By.id("playlist-rename"));
        rename.clear();
        rename.sendKeys("Road trip 2026");
        browser.findElement(By.id("playlist-save")).click();
        WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).isEqualTo(CONFLICT);
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Road trip (with friends)"));
        chromium.screenshot("07-conflict-412");
        cdp.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));

        // The same page on a phone-sized window.
        browser.manage().window().setSize(new Dimension(390, 844));
        chromium.screenshot("08-playlist-phone-sized");
    }

    /** A search hit of the demo library that is not the track the newcomer added. */
    private static JsonNode otherTrack(EndToEnd platform, String token) {
        Response hits = platform.as(token).queryParam("q", "Amelie Laurencon").queryParam("size", 20).get("/api/search");
        for (JsonNode hit : json(hits.asString()).path("items")) {
            if (!hit.path("title").asText().equals(TRACK)) {
                return hit;
            }
        }
        return null;
    }
}
