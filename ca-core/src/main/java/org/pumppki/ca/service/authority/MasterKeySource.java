package org.pumppki.ca.service.authority;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.keys.MasterKey;

/**
 * Finds the master key that wraps soft CA keys: {@code pki.master-key}, else
 * {@code pki.master-key-file}, else — only with the embedded database — {@code <data-dir>/master.key},
 * generated there on the very first start. A key is never generated while wrapped keys exist: that
 * would only hide the loss of the real one.
 */
final class MasterKeySource {

    static final String EMBEDDED_KEY_FILE = "master.key";
    private static final Logger LOG = Logger.getLogger(MasterKeySource.class);

    private MasterKeySource() {
    }

    static MasterKey resolve(PkiConfig config, boolean wrappedKeysExist) {
        if (config.masterKey().filter(k -> !k.isBlank()).isPresent()) {
            return MasterKey.fromBase64(config.masterKey().get().trim());
        }
        if (config.masterKeyFile().isPresent()) {
            return read(config.masterKeyFile().get(), "pki.master-key-file");
        }
        if (config.db().url().filter(u -> !u.isBlank()).isPresent()) {
            throw new IllegalStateException("No master key is configured. With an external database set PKI_MASTER_KEY "
                    + "(base64 of 32 random bytes, e.g. from 'openssl rand -base64 32') or pki.master-key-file, and keep "
                    + "it safe: CA keys cannot be used without it.");
        }
        Path file = config.dataDir().resolve(EMBEDDED_KEY_FILE);
        if (Files.exists(file)) {
            return read(file, "the data directory");
        }
        if (wrappedKeysExist) {
            throw new IllegalStateException("The database holds CA keys wrapped under a master key, but " + file
                    + " is missing. Restore that file or set PKI_MASTER_KEY to the original key; a new key would not "
                    + "open the existing CA keys.");
        }
        try {
            Files.createDirectories(config.dataDir());
            MasterKey key = MasterKey.generateFile(file, new SecureRandom());
            LOG.warnf("Generated a new master key in %s (fingerprint %s). Back it up: the CA keys cannot be used without it.",
                    file.toAbsolutePath(), key.fingerprint());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the master key to " + file, e);
        }
    }

    private static MasterKey read(Path file, String origin) {
        try {
            return MasterKey.fromFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + file + " (from " + origin + ")", e);
        }
    }
}
