package fr.paris.ledger.application.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} package, driven through Debian's
 * {@code chromium-driver}: both paths are set, so Selenium downloads nothing. Other paths can be
 * given with {@code -Ddashboard.chromium=} and {@code -Ddashboard.chromedriver=}.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("dashboard.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver");
    /** A host name that the browser resolves to 127.0.0.1 but that is not "localhost": not a secure context. */
    static final String INSECURE_HOST = "insecure.test";
    /** Where the screenshots go. */
    static final Path SCREENSHOTS = Path.of("target", "dashboard");
    static final int WIDTH = 1280;
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    final ChromeDriver driver;

    Browser() {
        assertThat(new File(CHROMIUM).canExecute()).as("The dashboard's browser tests need Debian's chromium at " + CHROMIUM
                + " (apt-get install chromium chromium-driver; .ci/run installs both)").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("The dashboard's browser tests need Debian's chromium-driver at "
                + CHROMEDRIVER + " (apt-get install chromium chromium-driver; .ci/run installs both)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + ",1000", "--lang=fr-FR", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                "--host-resolver-rules=MAP " + INSECURE_HOST + " 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String url) {
        driver.manage().window().setSize(new Dimension(WIDTH, 1000));
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Waits until the supplier gives a value that is not null, not false and not empty: up to 60 s,
     * a dozen polls of the pages, for a machine shared with other builds.
     */
    <T> T await(String what, Supplier<T> value) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(value::get, v -> v != null && !Boolean.FALSE.equals(v)
                        && !(v instanceof String s && s.isEmpty()) && !(v instanceof List<?> l && l.isEmpty()));
    }

    /** The attribute of the first element matching css, or null when there is none yet. */
    String attribute(String css, String name) {
        List<WebElement> found = all(css);
        return found.isEmpty() ? null : found.get(0).getAttribute(name);
    }

    /** The text of the first element matching css (null when there is none yet), its no-break spaces as plain ones. */
    String text(String css) {
        List<WebElement> found = all(css);
        return found.isEmpty() ? null : found.get(0).getText().replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /**
     * Runs axe-core (the copy shipped in Deque's jar) on the page and fails on any serious or
     * critical violation, naming each rule and the elements it found.
     */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().analyze(driver);
        assertThat(results.isErrored()).as("axe-core ran on " + page).isFalse();
        assertThat(results.getPasses()).as("axe-core's passed rules on " + page).isNotEmpty();
        report(page, results);
        List<Rule> blocking = results.getViolations().stream().filter(r -> BLOCKING.contains(r.getImpact())).toList();
        assertThat(blocking).as(() -> "serious or critical accessibility violations on " + page + ":\n" + blocking.stream()
                .map(r -> "  " + r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at " + r.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"))).isEmpty();
    }

    /** Every page's outcome, minor and moderate findings included, in target/dashboard/axe.txt. */
    private static void report(String page, Results results) {
        StringBuilder line = new StringBuilder(page).append(": axe-core ").append(results.getTestEngine().getVersion())
                .append(", ").append(results.getPasses().size()).append(" rules passed, ")
                .append(results.getViolations().size()).append(" violated");
        for (Rule r : results.getViolations()) {
            line.append("\n  ").append(r.getImpact()).append(' ').append(r.getId()).append(": ").append(r.getHelp())
                    .append(" (").append(r.getNodes().size()).append(" elements)");
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(SCREENSHOTS.resolve("axe.txt"), line.append('\n').toString(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page (the window is made as tall as the page), to target/dashboard/{name}.png. */
    Path screenshot(String name) {
        return screenshot(name, WIDTH);
    }

    Path screenshot(String name, int width) {
        try {
            Files.createDirectories(SCREENSHOTS);
            driver.manage().window().setSize(new Dimension(width, 1000));
            long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(6000, Math.max(600, height))));
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(WIDTH, 1000));
            return to;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
