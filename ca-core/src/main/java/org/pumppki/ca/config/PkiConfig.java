package org.pumppki.ca.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The user-facing configuration surface of PumpPKI. Every option lives under {@code pki.} and is
 * documented in the README's configuration table; Quarkus options stay an implementation detail.
 */
@ConfigMapping(prefix = "pki")
public interface PkiConfig {

    /** Embedded database files, the generated master key and the initial admin password. */
    @WithDefault("./data")
    Path dataDir();

    /** External PostgreSQL; an empty URL means the embedded database under the data directory. */
    Db db();

    /** Base of the plain-HTTP URLs written into certificates (OCSP, caIssuers, CRL DP). */
    Optional<String> publicBaseUrl();

    Bootstrap bootstrap();

    Renewal renewal();

    Security security();

    interface Db {
        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    interface Renewal {
        /**
         * How long before expiry a certificate is flagged, largest first; a certificate inside the
         * largest window counts as "expiring".
         */
        @WithDefault("30d,7d,1d")
        List<Duration> expiryWarnings();

        /** The largest warning window. */
        default Duration expiringWithin() {
            return expiryWarnings().stream().max(Duration::compareTo).orElse(Duration.ofDays(30));
        }
    }

    interface Bootstrap {
        /** Password of the first {@code admin}; random and written to the data directory when absent. */
        Optional<String> adminPassword();
    }

    interface Security {
        /** Shortest password accepted for a person's account. */
        @WithDefault("12")
        int passwordMinLength();

        /** bcrypt cost factor for stored password hashes. */
        @WithDefault("12")
        int bcryptCost();

        @WithName("sign-in")
        SignIn signIn();
    }

    interface SignIn {
        /** Failed sign-ins tolerated per account inside {@link #window()}. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed sign-ins tolerated per source address inside {@link #window()}. */
        @WithDefault("20")
        int maxFailuresPerSource();

        /** Sliding window over which failed sign-ins are counted. */
        @WithDefault("15m")
        Duration window();
    }
}
