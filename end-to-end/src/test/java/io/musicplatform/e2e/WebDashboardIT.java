package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening dashboard in a real browser (issue 14, 11/11), on the suite's platform: three listeners
 * play demo tracks through the public API from different countries (FR, US, none), platforms and
 * devices; once stats-service has counted them, the demo operator opens {@code #/dashboard} and every
 * chart has data. Each chart carries its numbers in a visually hidden table (what a screen reader
 * reads); the test checks those tables against the stats API's own answers, track titles against the
 * catalog, and that each chart's canvas is drawn. A period without plays says so; a bad range shows
 * the problem's title. Screenshots of the whole dashboard, desktop and phone-sized, land in
 * {@code target/web-dashboard/}.
 */
@ExtendWith(PlatformExtension.class)
class WebDashboardIT extends BrowserJourney {

    private static final List<String> FIGURES = List.of("daily-chart", "top-tracks-chart", "top-artists-chart", "genres-chart",
            "breakdown-country", "breakdown-platform", "breakdown-device");
    private static final Pattern COUNTRY_CODE = Pattern.compile("\\(([A-Z]{2})\\)$");

    @Test
    void theOperatorSeesEveryChartOfTheListeningDashboardWithTheCountedPlays(EndToEnd platform) {
        String listener = platform.listener();
        String operator = platform.operator();
        String nomad = platform.tokens().listenerWithoutCountry();
        List<String> tracks = PlaylistsAndRatingsIT.demoTracks(platform, listener, 12);

        // Plays from France (listener), the United States (operator) and nowhere known (nomad), on three platforms and devices.
        play(platform, listener, tracks.get(0), "android", "phone", 3);
        play(platform, listener, tracks.get(5), "web", "computer", 1);
        play(platform, operator, tracks.get(0), "ios", "tablet", 1);
        play(platform, operator, tracks.get(10), "web", "computer", 2);
        play(platform, nomad, tracks.get(5), "android", "tablet", 1);
        for (String token : List.of(listener, operator, nomad)) {
            platform.awaitPlaysCounted(token);
        }

        // What the stats API says now: the page must show the same numbers.
        List<List<String>> daily = rows(api(platform, "/api/stats/global/daily", Map.of()), "day", "plays");
        JsonNode topTracks = api(platform, "/api/stats/top/tracks", Map.of("period", "week", "limit", "10"));
        List<List<String>> topTrackRows = new ArrayList<>();
        for (JsonNode rank : topTracks.path("items")) {
            String title = api(platform, "/api/catalog/tracks/" + rank.path("trackId").asText(), Map.of()).path("title").asText();
            topTrackRows.add(List.of(title, rank.path("artist").asText(), rank.path("plays").asText()));
        }
        List<List<String>> topArtists = rows(api(platform, "/api/stats/top/artists", Map.of("period", "week", "limit", "10")), "artist", "plays");
        List<List<String>> genres = new ArrayList<>();
        for (JsonNode cell : api(platform, "/api/stats/genres/by-hour", Map.of()).path("items")) {
            String genre = cell.path("genre").isNull() ? "No genre" : cell.path("genre").asText();
            genres.add(List.of(genre, String.format("%02d:00", cell.path("hour").asInt()), cell.path("plays").asText()));
        }
        List<List<String>> countries = breakdown(platform, "country");
        List<List<String>> platforms = breakdown(platform, "platform");
        List<List<String>> devices = breakdown(platform, "device");
        assertThat(countries).extracting(row -> row.get(0)).contains("FR", "US", "Unknown");
        assertThat(platforms).extracting(row -> row.get(0)).contains("android", "ios", "web");
        assertThat(devices).extracting(row -> row.get(0)).contains("phone", "tablet", "computer");
        assertThat(topTrackRows).isNotEmpty();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(daily).last().satisfies(row -> assertThat(row.get(0)).isEqualTo(today));
        assertThat(Long.parseLong(daily.get(daily.size() - 1).get(1))).isGreaterThanOrEqualTo(8);

        // The operator opens the dashboard from the operator's navigation.
        chromium.signIn(platform.gateway(), "operator", "operator");
        long opened = System.nanoTime();
        waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#admin-links a[href='#/dashboard']"))).click();
        waiting.until(ExpectedConditions.textToBe(By.id("view-heading"), "Listening dashboard"));
        for (String figure : FIGURES) {
            waiting.until(ExpectedConditions.attributeToBe(By.id(figure), "data-state", "ready"));
        }
        EndToEnd.record("web: every chart of the dashboard drawn after it was opened", Duration.ofNanos(System.nanoTime() - opened));

        // Every chart has data, the very numbers of the API, in its accessible table; its canvas is drawn.
        assertThat(table("daily-chart")).isEqualTo(daily);
        assertThat(table("top-tracks-chart")).isEqualTo(topTrackRows);
        assertThat(table("top-artists-chart")).isEqualTo(topArtists);
        assertThat(table("genres-chart")).containsExactlyInAnyOrderElementsOf(genres);
        assertThat(table("breakdown-country")).extracting(WebDashboardIT::countryCode).containsExactlyElementsOf(countries);
        assertThat(table("breakdown-platform")).isEqualTo(platforms);
        assertThat(table("breakdown-device")).isEqualTo(devices);
        for (String figure : FIGURES) {
            WebElement canvas = browser.findElement(By.cssSelector("#" + figure + " canvas"));
            assertThat(canvas.isDisplayed()).as(figure + " drawn").isTrue();
            assertThat(canvas.getSize().getWidth()).as(figure + " width").isGreaterThan(100);
            assertThat(canvas.getAttribute("aria-label")).as(figure + " labelled").isNotBlank();
            assertThat(browser.findElement(By.cssSelector("#" + figure + " table caption")).getAttribute("textContent")).isNotBlank();
        }
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("no error shown").isFalse();
        wholePage(1280, "01-dashboard");

        // The same dashboard on a phone-sized window: the charts shrink to its width.
        browser.manage().window().setSize(new Dimension(390, 844));
        waiting.until(driver -> ((Number) script.executeScript(
                "return Math.max(...[...document.querySelectorAll('.dashboard canvas')].map(canvas => canvas.getBoundingClientRect().width));")).doubleValue() <= 390);
        wholePage(390, "02-phone-sized");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // A month long ago had no plays: the chart says so rather than stay blank.
        range("daily", "2020-01-01", "2020-01-31");
        waiting.until(ExpectedConditions.attributeToBe(By.id("daily-chart"), "data-state", "empty"));
        assertThat(browser.findElement(By.cssSelector("#daily-chart .dashboard-status")).getText()).isEqualTo("No plays in this period");
        assertThat(browser.findElement(By.cssSelector("#daily-chart canvas")).isDisplayed()).isFalse();

        // An inverted range: the panel shows the problem's title and detail, as the API gives them.
        JsonNode problem = EndToEnd.json(platform.as(operator).queryParam("from", "2020-02-01").queryParam("to", "2020-01-01")
                .get("/api/stats/global/daily").then().statusCode(400).extract().asString());
        range("daily", "2020-02-01", "2020-01-01");
        waiting.until(ExpectedConditions.attributeToBe(By.id("daily-chart"), "data-state", "failed"));
        assertThat(browser.findElement(By.cssSelector("#daily-chart .dashboard-status")).getText())
                .isEqualTo(problem.path("title").asText() + ": " + problem.path("detail").asText());
        script.executeScript("document.getElementById('daily').scrollIntoView()");
        chromium.screenshot("03-problem-shown");
    }

    private static void play(EndToEnd platform, String token, String trackId, String on, String device, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(platform.play(token, trackId, "{\"platform\":\"" + on + "\",\"device\":\"" + device + "\"}", null).statusCode()).isEqualTo(200);
        }
    }

    private static JsonNode api(EndToEnd platform, String path, Map<String, String> parameters) {
        return EndToEnd.json(platform.as(platform.operator()).queryParams(parameters).get(path).then().statusCode(200).extract().asString());
    }

    private static List<List<String>> rows(JsonNode page, String... fields) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
                row.add(item.path(field).asText());
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> breakdown(EndToEnd platform, String by) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode entry : api(platform, "/api/stats/breakdown", Map.of("by", by)).path("items")) {
            rows.add(List.of(entry.path("value").isNull() ? "Unknown" : entry.path("value").asText(), entry.path("plays").asText()));
        }
        return rows;
    }

    /** A country's row as the API names it: "France (FR)" is FR. */
    private static List<String> countryCode(List<String> row) {
        Matcher code = COUNTRY_CODE.matcher(row.get(0));
        return List.of(code.find() ? code.group(1) : row.get(0), row.get(1));
    }

    /** The cells of a figure's accessible table, row by row (read as text: the table is visually hidden). */
    @SuppressWarnings("unchecked")
    private List<List<String>> table(String figure) {
        return (List<List<String>>) script.executeScript(
                "return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')].map(row => [...row.cells].map(cell => cell.textContent));", figure);
    }

    /** Sets a panel's range and presses Show. */
    private void range(String panel, String from, String to) {
        script.executeScript("document.getElementById(arguments[0] + '-from').value = arguments[1];"
                + "document.getElementById(arguments[0] + '-to').value = arguments[2];", panel, from, to);
        browser.findElement(By.cssSelector("#" + panel + " button[type=submit]")).click();
    }

    /** A screenshot of the whole page at this width: the window grown until its viewport holds the page's height. */
    private void wholePage(int width, String name) {
        waiting.until(driver -> {
            long page = ((Number) script.executeScript("return document.documentElement.scrollHeight")).longValue();
            long viewport = ((Number) script.executeScript("return window.innerHeight")).longValue();
            Dimension window = browser.manage().window().getSize();
            if (viewport >= page || window.getHeight() >= 8000) {
                return true;
            }
            browser.manage().window().setSize(new Dimension(width, (int) Math.min(window.getHeight() + page - viewport + 40, 8000)));
            return false;
        });
        chromium.screenshot(name);
    }
}
