package org.pumppki.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.server.testing.Https;

/**
 * Headless Chromium from the distribution ({@code chromium}, {@code chromium-driver}) driving the
 * console of the test's own server, one fresh browser profile per test. The browser trusts the
 * HTTPS listener's certificate only after this class has verified it against PumpPKI's root: its
 * public key hash is the one exception Chromium makes. A failing test leaves a screenshot and the
 * page's HTML under {@code target/console-screenshots} (the steps run through {@link #scenario}: a
 * JUnit extension would see another copy of this class than the one {@code @QuarkusTest} runs).
 * Skipped without Chromium, failed instead when interop is required.
 */
public final class ConsoleBrowser implements AutoCloseable {

    /** Steps of a browser test. */
    @FunctionalInterface
    public interface Steps {
        void run() throws Exception;
    }

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private ChromeDriver driver;
    private Path profile;
    private Path downloads;

    private ConsoleBrowser() {
    }

    /** A fresh browser with an empty profile. */
    public static ConsoleBrowser start() throws Exception {
        ConsoleBrowser browser = new ConsoleBrowser();
        browser.launch();
        return browser;
    }

    private void launch() throws Exception {
        InteropTools.requireFile(CHROMIUM, "Chromium (Debian package chromium)");
        InteropTools.requireFile(CHROMEDRIVER, "ChromeDriver (Debian package chromium-driver)");
        profile = Files.createTempDirectory("pumppki-chromium-profile");
        downloads = Files.createTempDirectory("pumppki-chromium-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--ignore-certificate-errors-spki-list=" + verifiedServerKeyHash());
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    /** Runs the steps; if they fail, saves a screenshot and the page as {@code name} before failing. */
    public void scenario(String name, Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Exception | AssertionError failure) {
            if (driver != null) {
                Files.createDirectories(SCREENSHOTS);
                Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
            }
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        deleteQuietly(profile);
        deleteQuietly(downloads);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a console page of the test server: {@code path} starts with {@code /console}. */
    public void open(String path) {
        driver.get(base() + path);
    }

    public String base() {
        return "https://localhost:" + Https.port();
    }

    /** Signs in through the login page and waits for the dashboard. */
    public void signIn(String username, String password) {
        open("/console");
        until(d -> d.getCurrentUrl().endsWith("/console/login"));
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        until(d -> d.getTitle().startsWith("Dashboard"));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** The one file the browser has downloaded, once it is complete. */
    public Path downloaded() {
        return until(d -> {
            try (var files = Files.list(downloads)) {
                List<Path> done = files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")).toList();
                return done.size() == 1 ? done.get(0) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The SHA-256 of the HTTPS listener's public key, base64, as Chromium's SPKI exception list takes
     * it; read from a handshake that verified the chain against PumpPKI's root.
     */
    private static String verifiedServerKeyHash() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(Https.rootTrustStore());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (Socket plain = new Socket("localhost", Https.port());
                SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", Https.port(), true)) {
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));
        }
    }

    private static void deleteQuietly(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
