package org.pumppki.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.PostgresTestResource;

/**
 * The console in a real browser: what a biomedical engineer, an administrator and an auditor do
 * with it, and an accessibility check of the pages people use most.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final String PASSPHRASE = "pump passphrase 2026";
    private static final List<String> BLOCKING_IMPACTS = List.of("serious", "critical");

    private ConsoleBrowser browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void biomedRegistersEnrollsDownloadsAndRevokesAPump() throws Exception {
        browser.scenario("biomed", () -> {
            browser.signIn(Api.username(Role.BIOMED), Api.PASSWORD);
            long revokedBefore = dashboardCount("revoked");

            String serial = "BROWSER-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            browser.find(By.linkText("Devices")).click();
            browser.find(By.linkText("Register a device")).click();
            browser.find(By.id("serial")).sendKeys(serial);
            browser.find(By.id("manufacturer")).sendKeys("Acme Infusion");
            browser.find(By.id("model")).sendKeys("Alaris 8015");
            browser.find(By.id("location")).sendKeys("ICU-3 West");
            browser.find(By.cssSelector("main form button[type=submit]")).click();
            browser.until(d -> d.getTitle().startsWith(serial));
            assertEquals("in-service", browser.find(By.id("device-state")).getText());

            browser.find(By.id("passphrase")).sendKeys(PASSPHRASE);
            new Select(browser.find(By.id("algorithm"))).selectByValue("ec-p256-sha256");
            browser.find(By.cssSelector("#key-generation button[type=submit]")).click();
            Path pkcs12 = browser.downloaded();
            X509Certificate certificate = openPkcs12(pkcs12, serial);

            browser.driver().navigate().refresh();
            WebElement row = browser.until(d -> d.findElement(By.cssSelector("tr[data-serial='"
                    + certificate.getSerialNumber().toString(16) + "']")));
            assertEquals("valid", row.findElement(By.cssSelector(".badge")).getText());
            new Select(row.findElement(By.name("reason"))).selectByValue("keyCompromise");
            row.findElement(By.xpath(".//button[text()='Revoke']")).click();
            browser.until(d -> d.findElement(By.cssSelector("tr[data-serial='" + certificate.getSerialNumber().toString(16)
                    + "'] .badge")).getText().equals("revoked"));

            browser.find(By.linkText("Dashboard")).click();
            assertEquals(revokedBefore + 1, dashboardCount("revoked"));
        });
    }

    @Test
    void adminImportsFiveHundredDevicesAndWatchesTheProgressReachTheReport() throws Exception {
        Path csv = Files.createTempFile("devices", ".csv");
        String prefix = "IMPORT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
        StringBuilder rows = new StringBuilder("kind,serial,manufacturer,model,location\n");
        for (int i = 1; i <= 500; i++) {
            rows.append("pump,").append(prefix).append(i).append(",Acme Infusion,Alaris 8015,Ward ").append(i % 12).append('\n');
        }
        Files.writeString(csv, rows);
        try {
            browser.scenario("admin-import", () -> {
                browser.signIn("admin", PostgresTestResource.ADMIN_PASSWORD);
                browser.find(By.linkText("Import")).click();
                browser.find(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
                browser.find(By.cssSelector("main form button[type=submit]")).click();
                browser.until(d -> d.findElement(By.id("import-bar")).isDisplayed());
                WebElement report = browser.until(d -> d.findElement(By.id("import-report")));
                assertEquals("100", browser.find(By.id("import-bar")).getAttribute("value"));
                assertTrue(report.getText().contains("500 of 500 rows imported"), report.getText());

                browser.find(By.linkText("Scheduler")).click();
                browser.find(By.cssSelector("button[aria-label='Run inventory-scan now']")).click();
                WebElement outcome = browser.until(d -> d.findElement(By.cssSelector("main p.alert.ok")));
                assertTrue(outcome.getText().startsWith("inventory-scan ran: succeeded"), outcome.getText());
                assertTrue(browser.find(By.id("jobs")).getText().contains("succeeded"), "the run is listed");
            });
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void auditorSeesTheVerifiedAuditTrailAndNoActionAnywhere() throws Exception {
        String serial = "AUDITED-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String deviceId = Devices.registerPump(serial);
        browser.scenario("auditor", () -> {
            browser.signIn(Api.username(Role.AUDITOR), Api.PASSWORD);
            browser.find(By.linkText("Audit log")).click();
            assertTrue(browser.find(By.id("chain-status")).getText().startsWith("Intact"),
                    browser.find(By.id("chain-status")).getText());
            assertTrue(browser.find(By.id("audit-events")).getText().contains("device.registered"));
            for (String page : List.of("/console", "/console/devices", "/console/devices/" + deviceId, "/console/audit",
                    "/console/cas", "/console/flags", "/console/work-list", "/console/scheduler")) {
                browser.open(page);
                List<String> buttons = browser.findAll(By.cssSelector("main button, main .button, main input[type=submit]"))
                        .stream().map(WebElement::getText).toList();
                // Filter forms read; nothing on the page changes anything.
                assertTrue(buttons.stream().allMatch("Filter"::equals), page + " offers " + buttons);
            }
        });
    }

    @Test
    void theMostUsedPagesHaveNoSeriousAccessibilityViolation() throws Exception {
        String serial = "A11Y-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String deviceId = Devices.registerPump(serial);
        Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial));
        browser.scenario("accessibility", () -> {
            browser.open("/console/login");
            assertAccessible("login");
            browser.signIn(Api.username(Role.BIOMED), Api.PASSWORD);
            assertAccessible("dashboard");
            browser.open("/console/devices");
            assertAccessible("device list");
            browser.open("/console/devices/" + deviceId);
            assertAccessible("device page");
        });
    }

    private void assertAccessible(String page) {
        Results results = new AxeBuilder().analyze(browser.driver());
        List<String> blocking = results.getViolations().stream()
                .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
                .map(ConsoleBrowserTest::describe).toList();
        assertTrue(blocking.isEmpty(), page + ": " + blocking);
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    private long dashboardCount(String health) {
        return Long.parseLong(browser.find(By.cssSelector("[data-health='" + health + "']")).getText().trim());
    }

    private static X509Certificate openPkcs12(Path file, String serial) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSPHRASE.toCharArray());
        }
        String alias = store.aliases().nextElement();
        assertTrue(store.getKey(alias, PASSPHRASE.toCharArray()) instanceof PrivateKey, "the PKCS#12 holds the private key");
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=" + serial),
                certificate.getSubjectX500Principal().getName());
        certificate.checkValidity();
        return certificate;
    }
}
