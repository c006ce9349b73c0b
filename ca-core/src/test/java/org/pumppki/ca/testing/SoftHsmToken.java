package org.pumppki.ca.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pumppki.ca.keys.Pkcs11Config;

/**
 * A SoftHSM2 token of its own for this test run.
 *
 * <p>SoftHSM2 reads its configuration file from {@code SOFTHSM2_CONF} once, when the library is
 * first initialised, and a JVM cannot change its own environment; so surefire sets the variable to a
 * path under {@code target/} (see the ca-core pom). The first call here writes that file, pointing at
 * a new empty token directory, and initialises a token in it with {@code softhsm2-util}. All tests
 * of the run share the token and keep apart by using distinct labels.
 */
public final class SoftHsmToken {

    /** Where Debian's libsofthsm2 package installs the PKCS#11 library. */
    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    private static final String CONF_VARIABLE = "SOFTHSM2_CONF";
    private static final String TOKEN_LABEL = "pumppki-test";
    private static final String SO_PIN = "so-pin-1234";
    private static final String USER_PIN = "user-pin-1234";
    private static final Pattern ASSIGNED_SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private static SoftHsmToken shared;

    private final long slot;

    private SoftHsmToken(long slot) {
        this.slot = slot;
    }

    /**
     * The token of this test run, created on first use. Skips the calling test when SoftHSM2 is not
     * installed, or fails it when interop tests are required.
     */
    public static synchronized SoftHsmToken shared() {
        Path tool = InteropTools.requireTool("softhsm2-util");
        InteropTools.requireFile(LIBRARY, "The SoftHSM2 PKCS#11 library (Debian package libsofthsm2)");
        String conf = System.getenv(CONF_VARIABLE);
        InteropTools.require(conf != null && !conf.isBlank(),
                CONF_VARIABLE + " is not set (run the tests through Maven, whose surefire configuration sets it)");
        if (shared == null) {
            shared = new SoftHsmToken(initialise(tool, Path.of(conf)));
        }
        return shared;
    }

    /** A configuration for a new provider instance on this token. */
    public Pkcs11Config config(String providerName) {
        return Pkcs11Config.forSlot(providerName, LIBRARY, slot, USER_PIN.toCharArray());
    }

    /**
     * The token seen through a new SunPKCS11 provider of its own, independent of the code under
     * test, for checking what really ended up in the token.
     */
    public KeyStore openKeyStore(String providerName) throws Exception {
        Provider provider = Security.getProvider("SunPKCS11").configure("--" + config(providerName).sunPkcs11Config());
        KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, USER_PIN.toCharArray());
        return keyStore;
    }

    /**
     * Runs the JDK's {@code keytool} against this token in a separate process, as an HSM
     * administrator would, with a plain configuration (no key templates of ours).
     *
     * @param arguments the command and its options, e.g. {@code -genkeypair -alias ...}
     * @return keytool's output
     */
    public String keytool(String... arguments) throws IOException, InterruptedException {
        Path conf = Files.createTempFile(Path.of(System.getenv(CONF_VARIABLE)).getParent(), "keytool-", ".cfg");
        Files.writeString(conf, "name = keytool\nlibrary = " + LIBRARY + "\nslot = " + slot + "\n", UTF_8);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-keystore", "NONE", "-storetype", "PKCS11",
                "-providerClass", "sun.security.pkcs11.SunPKCS11", "-providerArg", conf.toString(),
                "-storepass", USER_PIN));
        return run(new ProcessBuilder(command), "keytool " + arguments[0]);
    }

    private static long initialise(Path tool, Path conf) {
        try {
            Files.createDirectories(conf.getParent());
            Path tokens = Files.createTempDirectory(conf.getParent(), "tokens-");
            Files.writeString(conf, """
                    directories.tokendir = %s
                    objectstore.backend = file
                    log.level = ERROR
                    slots.removable = false
                    """.formatted(tokens), UTF_8);
            ProcessBuilder init = new ProcessBuilder(tool.toString(), "--init-token", "--free",
                    "--label", TOKEN_LABEL, "--so-pin", SO_PIN, "--pin", USER_PIN);
            init.environment().put(CONF_VARIABLE, conf.toString());
            String output = run(init, "softhsm2-util --init-token");
            // SoftHSM2 moves an initialised token to a slot id derived from its serial number.
            Matcher slot = ASSIGNED_SLOT.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("No slot in the output of softhsm2-util --init-token: " + output);
            }
            return Long.parseLong(slot.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a SoftHSM2 token under " + conf.getParent(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating a SoftHSM2 token", e);
        }
    }

    private static String run(ProcessBuilder builder, String description) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        // All answers are on the command line; a prompt must end in EOF, not wait for input.
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(description + " failed: " + output);
        }
        return output;
    }
}
