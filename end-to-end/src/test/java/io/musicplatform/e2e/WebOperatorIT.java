package io.musicplatform.e2e;

import io.musicplatform.demo.TaggedAudio;
import io.musicplatform.realservers.S3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's pages in a real browser (issue 11, web part) on the suite's platform. The demo
 * operator sees the operator's links, uploads a real MP3 file through the page (announced, PUT
 * straight to the storage with a progress bar, completed), finds the new track on the search view
 * once it is indexed, corrects its title and finds the correction there, takes it down and sees it
 * leave search, imports a bucket prefix holding one track and one text file (the failure listed with
 * its reason), and re-indexes search to the end. A listener sees no operator link and gets the API's
 * 403 title on an operator's page. A screenshot of each step lands in {@code target/web-operator/}.
 */
@ExtendWith(PlatformExtension.class)
class WebOperatorIT extends BrowserJourney {

    /** Indexing is asynchronous: how long a change may take to show in search (the suite's promise, with room for a busy machine). */
    private static final Duration INDEXED_WITHIN = EndToEnd.PROPAGATED_WITHIN.plusSeconds(20);
    private static final Duration REINDEXED_WITHIN = Duration.ofSeconds(180);

    @Test
    void anOperatorUploadsCorrectsTakesDownImportsAndReindexes(EndToEnd platform) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String title = "Valse du navigateur " + unique;
        String corrected = "Valse corrigée " + unique;
        Path folder = Files.createTempDirectory("web-operator");
        Path file = TaggedAudio.write(folder.resolve("valse-" + unique + ".mp3"), TaggedAudio.Format.MP3,
                new TaggedAudio.Tags(title, "Opératrice Web", "Essais", "Chanson", 2026, 1));

        chromium.signIn(platform.gateway(), "operator", "operator");
        List<String> links = browser.findElements(By.cssSelector("#admin-links a")).stream().map(WebElement::getText).toList();
        assertThat(links).containsExactly("Upload", "Imports", "Corrections", "Re-index", "Dashboard");
        screenshot("01-operator-links");

        // Upload: the file input, one override, and the bytes straight to the storage with a progress bar.
        browser.findElement(By.linkText("Upload")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Upload a track"));
        browser.findElement(By.id("upload-file")).sendKeys(file.toString());
        browser.findElement(By.id("upload-album")).sendKeys("Essais du navigateur");
        screenshot("02-upload-chosen");
        long pressed = System.nanoTime();
        browser.findElement(By.id("upload-start")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-result")));
        EndToEnd.record("web: upload announced, sent to the storage and completed", Duration.ofNanos(System.nanoTime() - pressed));
        WebElement progress = browser.findElement(By.id("upload-progress"));
        assertThat(Double.parseDouble(progress.getDomProperty("value"))).isEqualTo(Double.parseDouble(progress.getDomProperty("max")))
                .isEqualTo((double) Files.size(file));
        assertThat(browser.findElement(By.cssSelector("label[for=upload-progress]")).getText()).isEqualTo("Upload progress");
        assertThat(browser.findElement(By.id("upload-progress-text")).getText()).endsWith("(100%)");
        assertThat(browser.findElement(By.id("upload-track-title")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.id("upload-status")).getText()).isEqualTo("Uploaded: " + title + ".");
        String trackId = browser.findElement(By.id("upload-track-id")).getText();
        // The bytes went from the page to the storage's own address, not through the gateway.
        String storage = platform.platform().servers().s3().endpoint();
        assertThat((Boolean) chromium.script().executeScript(
                "return performance.getEntriesByType('resource').some(entry => entry.initiatorType === 'xmlhttprequest' && entry.name.startsWith(arguments[0]));",
                storage)).as("an XMLHttpRequest to " + storage).isTrue();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("no error shown").isFalse();
        screenshot("03-uploaded", By.id("upload-result"));

        // The track appears on the search view once search-service has indexed it.
        long indexing = System.nanoTime();
        WebElement row = searchUntilFound(title, trackId);
        EndToEnd.record("web: an uploaded track found on the search view", Duration.ofNanos(System.nanoTime() - indexing));
        assertThat(row.getText()).contains("Opératrice Web").contains("Essais du navigateur");
        screenshot("04-upload-in-search");

        // The row's Correct link (operators only) opens the track's corrections.
        row.findElement(By.cssSelector("a[aria-label='Correct " + title + "']")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("fact-title"), title));
        assertThat(browser.findElement(By.id("fact-revision")).getText()).isEqualTo("1");
        WebElement titleField = browser.findElement(By.id("track-title"));
        assertThat(titleField.getDomProperty("value")).isEqualTo(title);
        titleField.clear();
        titleField.sendKeys(corrected);
        browser.findElement(By.id("track-save")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("track-status-line"), "Revision 2 saved: title corrected."));
        assertThat(browser.findElement(By.id("fact-revision")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("fact-title")).getText()).isEqualTo(corrected);
        screenshot("05-corrected");

        long correcting = System.nanoTime();
        row = searchUntilFound(corrected, trackId);
        EndToEnd.record("web: a corrected title found on the search view", Duration.ofNanos(System.nanoTime() - correcting));
        screenshot("06-correction-in-search");

        // Take down, confirmed first.
        row.findElement(By.cssSelector("a[aria-label='Correct " + corrected + "']")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("fact-title"), corrected));
        browser.findElement(By.id("takedown-start")).click();
        WebElement yes = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("takedown-yes")));
        assertThat(browser.findElement(By.id("takedown-question")).getText()).startsWith("Take down “" + corrected + "”?");
        screenshot("07-takedown-confirm", By.id("takedown-confirm"));
        yes.click();
        waiting.until(ExpectedConditions.textToBe(By.id("track-status-line"), "Taken down: revision 3."));
        assertThat(browser.findElement(By.id("fact-status")).getText()).isEqualTo("Taken down");
        assertThat(browser.findElements(By.id("takedown-start"))).isEmpty();
        screenshot("08-taken-down", By.id("track-status-line"));
        searchUntilGone(corrected, trackId);
        screenshot("09-gone-from-search");

        // Bulk import of a bucket prefix: one tagged MP3 and one text file named like audio.
        String prefix = "imports/web-" + unique + "/";
        Path objects = platform.platform().servers().s3().directory().resolve("blobs").resolve(S3Server.BUCKET).resolve(prefix);
        Files.createDirectories(objects);
        TaggedAudio.write(objects.resolve("importee.mp3"), TaggedAudio.Format.MP3,
                new TaggedAudio.Tags("Importée " + unique, "Opératrice Web", "Essais", "Chanson", 2026, 2));
        Files.writeString(objects.resolve("notes.mp3"), "not audio at all\n");
        browser.findElement(By.linkText("Imports")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Bulk import"));
        browser.findElement(By.id("import-location")).sendKeys(prefix);
        browser.findElement(By.id("import-start")).click();
        waiting.until(ExpectedConditions.attributeToBe(By.id("import-state"), "data-state", "SUCCEEDED"));
        assertThat(browser.findElement(By.id("import-state")).getText()).isEqualTo("Finished");
        assertThat(browser.findElement(By.id("import-progress-text")).getText()).isEqualTo("2 of 2 (100%), 1 failed");
        WebElement failure = browser.findElement(By.cssSelector("#import-errors li"));
        assertThat(failure.getText()).startsWith(prefix + "notes.mp3: ").contains("text");
        screenshot("10-import-finished", By.id("view-heading"));

        // Re-index: started, followed to the end.
        browser.findElement(By.linkText("Re-index")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Re-index search"));
        long reindexing = System.nanoTime();
        browser.findElement(By.id("reindex-start")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("reindex-state")));
        screenshot("11-reindex-running");
        new WebDriverWait(browser, REINDEXED_WITHIN, Duration.ofMillis(200))
                .until(ExpectedConditions.attributeToBe(By.id("reindex-state"), "data-state", "SUCCEEDED"));
        EndToEnd.record("web: a re-index started and followed to the end", Duration.ofNanos(System.nanoTime() - reindexing));
        WebElement reindexProgress = browser.findElement(By.id("reindex-progress"));
        assertThat(Double.parseDouble(reindexProgress.getDomProperty("value"))).isEqualTo(Double.parseDouble(reindexProgress.getDomProperty("max")));
        assertThat(browser.findElement(By.id("reindex-progress-text")).getText()).endsWith("(100%)");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("no error shown").isFalse();
        screenshot("12-reindex-finished", By.id("view-heading"));

        // The upload page on a phone-sized window.
        browser.findElement(By.linkText("Upload")).click();
        browser.manage().window().setSize(new Dimension(390, 844));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-file")));
        screenshot("13-upload-phone-sized");
    }

    @Test
    void aListenerSeesNoOperatorLinkAndGetsTheApisTitle(EndToEnd platform) {
        String trackId = json(platform.as(platform.listener()).queryParam("q", "amelie").get("/api/search").then().statusCode(200)
                .extract().asString()).path("items").path(0).path("trackId").asText();
        String forbidden = json(platform.as(platform.listener()).get("/api/ingestion/tracks/{id}", trackId).then().statusCode(403)
                .extract().asString()).path("title").asText();

        chromium.signIn(platform.gateway(), "listener", "listener");
        assertThat(browser.findElement(By.id("admin-links")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#admin-links a"))).isEmpty();

        browser.get(platform.gateway() + "/#/admin/tracks/" + trackId);
        WebElement error = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).isEqualTo(forbidden);
        screenshot("14-listener-forbidden");
    }

    /**
     * Searches for {@code text} on the search view, again every half second, until the track's row
     * shows (indexing is asynchronous); answers the row.
     */
    private WebElement searchUntilFound(String text, String trackId) {
        WebElement search = openSearch(text);
        By row = By.cssSelector("#results li[data-track-id='" + trackId + "']");
        return new WebDriverWait(browser, INDEXED_WITHIN, Duration.ofMillis(500)).until(driver -> {
            List<WebElement> found = driver.findElements(row);
            if (!found.isEmpty() && found.getFirst().findElement(By.className("title")).getText().equals(text)) {
                return found.getFirst();
            }
            search.sendKeys(Keys.ENTER);
            return null;
        });
    }

    /** Searches for {@code text} until the track's row no longer shows. */
    private void searchUntilGone(String text, String trackId) {
        WebElement search = openSearch(text);
        By row = By.cssSelector("#results li[data-track-id='" + trackId + "']");
        new WebDriverWait(browser, INDEXED_WITHIN, Duration.ofMillis(500)).until(driver -> {
            if (answered(text)) {
                if (driver.findElements(row).isEmpty()) {
                    return true;
                }
                search.sendKeys(Keys.ENTER);
            }
            return false;
        });
    }

    /** Whether the search view's status tells the answer for {@code text} (not "Searching…"). */
    private boolean answered(String text) {
        return browser.findElement(By.id("search-status")).getText().contains("“" + text + "”");
    }

    private WebElement openSearch(String text) {
        browser.findElement(By.cssSelector("#nav-links a[href='#/']")).click();
        WebElement search = waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
        search.clear();
        search.sendKeys(text);
        return search;
    }

    /** A screenshot with {@code shown} scrolled to the middle of the window. */
    private void screenshot(String name, By shown) {
        chromium.script().executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.findElement(shown));
        chromium.screenshot(name);
    }
}
