package org.pumppki.ca.service.account;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;

/**
 * Creates the first {@code admin} on a database without users, so that a new installation can be
 * signed in to. A configured password is used as-is; otherwise a random one is written once to the
 * log and to {@code <data-dir>/initial-admin-password}, readable by the owner only.
 */
@ApplicationScoped
public class AdminBootstrap {

    public static final String ADMIN_USERNAME = "admin";
    public static final String PASSWORD_FILE = "initial-admin-password";

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final UserAccounts accounts;
    private final PkiConfig config;

    AdminBootstrap(UserAccounts accounts, PkiConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!accounts.isEmpty()) {
            forgetStalePasswordFile();
            return;
        }
        boolean generated = config.bootstrap().adminPassword().isEmpty();
        String password = config.bootstrap().adminPassword().orElseGet(AdminBootstrap::randomPassword);
        try {
            accounts.create(Actor.system("bootstrap"), ADMIN_USERNAME, password, EnumSet.of(Role.ADMIN));
        } catch (RuntimeException e) {
            if (accounts.isEmpty()) {
                throw e;
            }
            LOG.info("Another instance created the first admin account concurrently");
            return;
        }
        if (generated) {
            Path file = writePasswordFile(password);
            LOG.warnf("Created user '%s' with generated password %s (also in %s). Change it after signing in.",
                    ADMIN_USERNAME, password, file.toAbsolutePath());
        } else {
            LOG.infof("Created user '%s' with the configured bootstrap password", ADMIN_USERNAME);
        }
    }

    /** The generated password has done its job once the administrator chose another one. */
    void onPasswordChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PasswordChanged change) {
        if (ADMIN_USERNAME.equals(change.username())) {
            deletePasswordFile();
        }
    }

    /** Written by an earlier start and since replaced: the file no longer signs anyone in. */
    private void forgetStalePasswordFile() {
        Path file = config.dataDir().resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            String written = Files.readString(file).strip();
            if (accounts.verify(ADMIN_USERNAME, written).isEmpty()) {
                deletePasswordFile();
            }
        } catch (IOException e) {
            LOG.warnf("Cannot read %s: %s", file, e.getMessage());
        }
    }

    private void deletePasswordFile() {
        Path file = config.dataDir().resolve(PASSWORD_FILE);
        try {
            if (Files.deleteIfExists(file)) {
                LOG.infof("Deleted %s: the admin password was changed", file.toAbsolutePath());
            }
        } catch (IOException e) {
            LOG.warnf("Cannot delete %s; delete it by hand: %s", file.toAbsolutePath(), e.getMessage());
        }
    }

    private Path writePasswordFile(String password) {
        Path file = config.dataDir().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(config.dataDir());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + System.lineSeparator());
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Cannot write " + file + ": it appeared while starting", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the initial admin password to " + file, e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
