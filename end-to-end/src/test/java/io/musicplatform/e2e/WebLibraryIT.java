package io.musicplatform.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's library in a real browser (issue 14, the library slice), on the suite's platform. The
 * demo listener finds an artist from a search result (linked by name), opens their album from the
 * artist's page and sees its tracks in order; rates a track and finds the rating kept after a reload;
 * follows the artist; when the operator releases a new track of theirs, the bell's unread count goes
 * up live, without a reload, and the notifications page shows the release. Then the listener plays
 * three tracks and finds them in "My listening", a page of two at a time. Screenshots land in
 * {@code target/web-library/}.
 */
@ExtendWith(PlatformExtension.class)
class WebLibraryIT extends BrowserJourney {

    private static final String ARTIST = "Amélie Laurençon";
    private static final String ALBUM = "Été indien";
    private static final List<String> ALBUM_TRACKS =
            List.of("Été indien", "Café crème", "Les feuilles de novembre", "Où vas-tu ?", "Rue des Écoles", "À demain peut-être");
    /** Plays are counted asynchronously (Kafka, then stats-service's batches): how long the history may lag. */
    private static final Duration COUNTED_WITHIN = Duration.ofSeconds(60);
    private static final Pattern UNREAD = Pattern.compile("Notifications, (\\d+) unread");

    @Test
    void aListenerBrowsesRatesFollowsHearsOfANewReleaseLiveAndFindsWhatTheyPlayed(EndToEnd platform) throws Exception {
        chromium.signIn(platform.gateway(), "listener", "listener");
        assertThat(browser.findElements(By.cssSelector("#nav-links a"))).extracting(WebElement::getText)
                .contains("Artists", "Following", "My listening");

        // A search result links the artist by name; the artist's page finds them by the platform's artist id.
        browser.findElement(By.id("search")).sendKeys("Amelie Laurencn");
        WebElement result = waiting.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//ol[@id='results']/li[.//span[@class='title' and text()='" + ALBUM_TRACKS.get(0) + "']]")));
        result.findElement(By.linkText(ARTIST)).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), ARTIST));
        WebElement albumLink = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#artist-albums a")));
        assertThat(albumLink.getText()).isEqualTo(ALBUM);
        waiting.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#artist-tracks li"), 5));
        chromium.screenshot("01-artist");

        // The album's page: its tracks in track order, each with a rating control read at once.
        albumLink.click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), ALBUM));
        String albumAddress = browser.getCurrentUrl();
        assertThat(titles("#album-tracks")).isEqualTo(ALBUM_TRACKS);
        WebElement rating = ratingOf(ALBUM_TRACKS.get(1));
        chromium.screenshot("02-album");

        // Rate a track with the keyboard-usable <select>; the choice is kept: after a reload, and in the API.
        new Select(rating).selectByVisibleText("4 stars");
        waiting.until(driver -> browser.findElement(By.xpath("//li[.//span[@class='title' and text()='" + ALBUM_TRACKS.get(1)
                + "']]//span[@aria-live]")).getAttribute("textContent").equals("Rated " + ALBUM_TRACKS.get(1) + " 4 of 5."));
        String ratedTrack = rating.getAttribute("data-rating-of");
        browser.navigate().refresh();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), ALBUM));
        assertThat(new Select(ratingOf(ALBUM_TRACKS.get(1))).getFirstSelectedOption().getText()).isEqualTo("4 stars");
        assertThat(json(platform.as(platform.listener()).get("/api/catalog/tracks/{id}/rating", ratedTrack).then().statusCode(200)
                .extract().asString()).path("stars").asInt()).isEqualTo(4);
        chromium.screenshot("03-rated-after-reload");

        // Follow the artist from their page (reached from the album's "By" link).
        browser.findElement(By.cssSelector(".album-facts a")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), ARTIST));
        WebElement follow = waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".artist-facts button.follow")));
        if (follow.getText().equals("Unfollow")) {
            // Followed in an earlier run on the same platform: start from not following.
            follow.click();
            waiting.until(ExpectedConditions.attributeToBe(follow, "aria-label", "Follow " + ARTIST));
        }
        assertThat(follow.getAttribute("aria-label")).isEqualTo("Follow " + ARTIST);
        follow.click();
        waiting.until(ExpectedConditions.attributeToBe(follow, "aria-label", "Unfollow " + ARTIST));
        assertThat(browser.findElement(By.cssSelector(".artist-facts .follow-status")).getText()).startsWith("You follow " + ARTIST);

        // A new release by the artist: the bell's count goes up on the live stream, with no reload.
        WebElement bell = browser.findElement(By.id("bell"));
        int before = waiting.until(driver -> unread(bell) >= 0 ? unread(bell) : null);
        chromium.screenshot("04-following");
        String title = "Nouveauté " + UUID.randomUUID().toString().substring(0, 8);
        long released = System.nanoTime();
        Uploads.upload(platform, title, ARTIST);
        waiting.until(driver -> unread(bell) > before);
        EndToEnd.record("web: the bell's count up after a new release, live", Duration.ofNanos(System.nanoTime() - released));
        assertThat(browser.findElement(By.id("bell-status")).getAttribute("textContent")).matches("\\d+ unread notifications?\\.");
        assertThat(browser.findElement(By.id("bell-status")).getAttribute("aria-live")).isEqualTo("polite");
        chromium.screenshot("05-bell-counts-the-release");

        // The bell opens the notifications: the release is there; "Mark all as read" clears the count.
        bell.click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Notifications"));
        WebElement notification = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#notifications li")));
        assertThat(notification.getText()).contains("New from " + ARTIST).contains("Essais").contains(title);
        chromium.screenshot("06-notifications");
        browser.findElement(By.id("mark-all-read")).click();
        waiting.until(ExpectedConditions.attributeToBe(bell, "aria-label", "Notifications, 0 unread"));
        waiting.until(ExpectedConditions.attributeToBe(By.cssSelector("#notifications li"), "class", "read"));

        // Play three tracks of the album, one after the other (pausing each, as the tracks are short and
        // the player would move on by itself).
        browser.get(albumAddress);
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), ALBUM));
        script.executeScript("""
                const audio = document.getElementById('audio');
                window.__plays = 0;
                audio.addEventListener('playing', () => { window.__plays++; setTimeout(() => audio.pause(), 0); });
                """);
        List<String> played = ALBUM_TRACKS.subList(2, 5);
        for (int i = 0; i < played.size(); i++) {
            String track = played.get(i);
            waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.play[aria-label='Play " + track + " by " + ARTIST + "']")))
                    .click();
            int plays = i + 1;
            waiting.until(driver -> ((Number) script.executeScript("return window.__plays")).intValue() >= plays);
            assertThat(browser.findElement(By.id("now-playing")).getText()).isEqualTo("Now playing: " + track + " by " + ARTIST);
        }

        // My listening, two plays a page: the newest two, then the third on "Load more" (counted a moment
        // after the plays: refreshed until they are there).
        browser.get(platform.gateway() + "/#/listening?limit=2");
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "My listening"));
        long playedAt = System.nanoTime();
        new WebDriverWait(browser, COUNTED_WITHIN, Duration.ofSeconds(1)).until(driver -> {
            if (titles("#history").equals(List.of(played.get(2), played.get(1)))) {
                return true;
            }
            driver.findElement(By.id("listening-refresh")).click();
            return false;
        });
        EndToEnd.record("web: plays shown in my listening", Duration.ofNanos(System.nanoTime() - playedAt));
        assertThat(browser.findElement(By.id("listening-totals")).getText()).containsPattern("\\d+ plays in all\\.");
        chromium.screenshot("07-listening");
        WebElement more = browser.findElement(By.cssSelector("#history ~ button.more"));
        assertThat(more.isDisplayed()).as("a next page of history").isTrue();
        more.click();
        waiting.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#history li"), 2));
        assertThat(titles("#history").subList(0, 3)).isEqualTo(List.of(played.get(2), played.get(1), played.get(0)));
        List<String> playIds = browser.findElements(By.cssSelector("#history li")).stream().map(row -> row.getAttribute("data-play-id")).toList();
        assertThat(playIds).doesNotHaveDuplicates().doesNotContainNull();
        // The focus moved to the first row of the new page, for keyboard and screen-reader users.
        assertThat(script.executeScript("return document.activeElement.dataset.playId")).isEqualTo(playIds.get(2));
        // The charts of the week: the demo's simulated plays rank first, so only their shape is certain.
        assertThat(browser.findElements(By.cssSelector("#top-tracks li"))).isNotEmpty().allSatisfy(rank -> assertThat(rank.getText())
                .matches(".+ · .+ · \\d+ plays?").doesNotContain("no longer in the catalog"));
        assertThat(browser.findElements(By.cssSelector("#top-artists li a"))).isNotEmpty();
        chromium.screenshot("08-listening-next-page");

        // Following lists the artist; the album page reads well on a phone-sized window.
        browser.findElement(By.linkText("Following")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Following"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subscriptions"), ARTIST));
        chromium.screenshot("09-following");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(albumAddress);
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), ALBUM));
        ratingOf(ALBUM_TRACKS.get(1));
        assertThat((Boolean) script.executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling").isTrue();
        chromium.screenshot("10-album-phone-sized");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("no error shown").isFalse();
    }

    /** The titles of a list's track rows, in order. */
    @SuppressWarnings("unchecked")
    private List<String> titles(String list) {
        // Read in one script: a list that re-renders between two reads would leave stale elements.
        return (List<String>) script.executeScript(
                "return [...document.querySelectorAll(arguments[0] + ' li .title')].map(title => title.textContent);", list);
    }

    /** A track row's rating control, once it has read the listener's rating. */
    private WebElement ratingOf(String track) {
        By control = By.cssSelector("select.rating[aria-label='Your rating of " + track + "']");
        return waiting.until(driver -> {
            WebElement select = driver.findElement(control);
            return "true".equals(select.getAttribute("data-loaded")) ? select : null;
        });
    }

    private static int unread(WebElement bell) {
        Matcher count = UNREAD.matcher(String.valueOf(bell.getAttribute("aria-label")));
        return count.matches() ? Integer.parseInt(count.group(1)) : -1;
    }
}
