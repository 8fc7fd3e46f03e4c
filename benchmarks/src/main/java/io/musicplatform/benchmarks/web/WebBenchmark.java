package io.musicplatform.benchmarks.web;

import io.musicplatform.benchmarks.PlatformBenchmark;
import io.musicplatform.benchmarks.Report;
import io.musicplatform.realservers.LocalPlatform;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench web}: the web app's first page in a real browser (Debian's Chromium, headless,
 * driven by its chromedriver) on the whole local platform, through the gateway, signed in as the demo
 * listener:
 * <ol>
 *   <li>first page usable: from the navigation's start to the moment the search box is interactive
 *       (the page's {@code music:search-ready} mark, set once the search view has wired its input),
 *       read from the browser's Navigation and User Timing, over {@value #LOADS} loads with the
 *       browser's cache emptied before each (a first visit) and {@value #LOADS} with it warm; the
 *       ceiling is the same browser loading {@code /session}, the web app's smallest answer, through
 *       the same gateway (target: under 1 s, cold, at the 95th percentile);</li>
 *   <li>weight: the page's JavaScript and CSS (its {@code /static/bundle/} resources), gzip-compressed
 *       in the browser, and as the server sent them (target: under 300 kB compressed).</li>
 * </ol>
 */
public final class WebBenchmark implements PlatformBenchmark {

    private static final int LOADS = 30;
    private static final int WARM_UP_LOADS = 5;
    private static final double USABLE_TARGET_MILLIS = 1_000;
    private static final long WEIGHT_TARGET_BYTES = 300 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String READY_MARK = "music:search-ready";

    @Override
    public Report run(LocalPlatform platform) {
        URI gateway = platform.gateway();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-GB");
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            signIn(browser, gateway);
            browser.executeCdpCommand("Network.enable", Map.of());
            for (int load = 0; load < WARM_UP_LOADS; load++) {
                usable(browser, gateway, true);
                ceiling(browser, gateway, true);
            }
            double[] cold = new double[LOADS];
            double[] warm = new double[LOADS];
            double[] ceilingCold = new double[LOADS];
            double[] ceilingWarm = new double[LOADS];
            // In turn, so that whatever else keeps the machine busy weighs on both alike.
            for (int load = 0; load < LOADS; load++) {
                cold[load] = usable(browser, gateway, true);
                ceilingCold[load] = ceiling(browser, gateway, true);
                warm[load] = usable(browser, gateway, false);
                ceilingWarm[load] = ceiling(browser, gateway, false);
            }
            print("first page usable, cold cache", cold);
            print("/session (ceiling), cold cache", ceilingCold);
            print("first page usable, warm cache", warm);
            print("/session (ceiling), warm cache", ceilingWarm);
            Weight weight = weight(browser, gateway);

            Report report = new Report();
            report.delayAgainst("first page usable, cold cache, p95", percentile(cold, 95), percentile(ceilingCold, 95), USABLE_TARGET_MILLIS);
            report.delayAgainst("first page usable, cold cache, p50", percentile(cold, 50), percentile(ceilingCold, 50), USABLE_TARGET_MILLIS);
            report.delayAgainst("first page usable, warm cache, p50", percentile(warm, 50), percentile(ceilingWarm, 50), USABLE_TARGET_MILLIS);
            report.check("page JS and CSS, gzip", String.format(Locale.ROOT, "%.1f kB (%d files, %.1f kB raw, %.1f kB as sent)",
                            weight.gzipBytes / 1024.0, weight.files, weight.rawBytes / 1024.0, weight.sentBytes / 1024.0),
                    "< " + WEIGHT_TARGET_BYTES / 1024 + " kB", weight.gzipBytes < WEIGHT_TARGET_BYTES);
            return report;
        } finally {
            browser.quit();
        }
    }

    private static void signIn(ChromeDriver browser, URI gateway) {
        WebDriverWait waiting = new WebDriverWait(browser, WAIT, Duration.ofMillis(20));
        browser.get(gateway + "/");
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("listener");
        browser.findElement(By.id("password")).sendKeys("listener");
        browser.findElement(By.id("kc-login")).click();
        waiting.until(ExpectedConditions.textToBe(By.id("username"), "Signed in as listener"));
        System.out.println("bench: signed in as the demo listener at " + gateway + "/");
    }

    /** Milliseconds from the navigation's start until the search box was interactive. */
    private static double usable(ChromeDriver browser, URI gateway, boolean emptyCache) {
        if (emptyCache) {
            browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        }
        browser.get(gateway + "/");
        Object mark = new WebDriverWait(browser, WAIT, Duration.ofMillis(10)).until(driver -> ((JavascriptExecutor) driver).executeScript(
                "const marks = performance.getEntriesByName(arguments[0]); return marks.length ? marks[0].startTime : null;", READY_MARK));
        if (!browser.findElement(By.id("search")).isEnabled()) {
            throw new IllegalStateException("the search box is not enabled once the page marked it ready");
        }
        return ((Number) mark).doubleValue();
    }

    /** Milliseconds from the navigation's start to the end of loading /session. */
    private static double ceiling(ChromeDriver browser, URI gateway, boolean emptyCache) {
        if (emptyCache) {
            browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        }
        browser.get(gateway + "/session");
        Object end = new WebDriverWait(browser, WAIT, Duration.ofMillis(10)).until(driver -> ((JavascriptExecutor) driver).executeScript(
                "const entry = performance.getEntriesByType('navigation')[0]; return entry && entry.loadEventEnd > 0 ? entry.loadEventEnd : null;"));
        return ((Number) end).doubleValue();
    }

    private record Weight(int files, long rawBytes, long gzipBytes, long sentBytes) {
    }

    /** The page's bundle, as loaded on a cold visit: raw, gzip-compressed in the browser, and as sent. */
    private static Weight weight(ChromeDriver browser, URI gateway) {
        usable(browser, gateway, true);
        @SuppressWarnings("unchecked")
        List<List<Number>> sizes = (List<List<Number>>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const bundle = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/static/bundle/')
                    && /\\.(js|css)(\\?|$)/.test(entry.name));
                Promise.all(bundle.map(async (entry) => {
                  const body = await (await fetch(entry.name)).blob();
                  const gzip = await new Response(body.stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
                  return [body.size, gzip.byteLength, entry.encodedBodySize];
                })).then(done, (failure) => done(String(failure)));
                """);
        if (sizes.isEmpty()) {
            throw new IllegalStateException("the page loaded no script or style from /static/bundle/");
        }
        long raw = 0;
        long gzip = 0;
        long sent = 0;
        for (List<Number> file : sizes) {
            raw += file.get(0).longValue();
            gzip += file.get(1).longValue();
            sent += file.get(2).longValue();
        }
        System.out.printf(Locale.ROOT, "bench: the page's bundle: %d files, %,d bytes, %,d gzip, %,d as sent%n", sizes.size(), raw, gzip, sent);
        return new Weight(sizes.size(), raw, gzip, sent);
    }

    private static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)];
    }

    private static void print(String series, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "bench: %-36s %d loads: min %.0f ms, p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", series, sorted.length,
                sorted[0], percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1]);
    }
}
