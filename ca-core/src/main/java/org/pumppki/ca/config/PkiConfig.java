package org.pumppki.ca.config;

import org.pumppki.ca.crypto.AlgorithmPreset;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

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

    /** Key-wrapping key for soft CA keys, base64 of 32 bytes. */
    Optional<String> masterKey();

    /** A file holding the master key (base64); used when {@link #masterKey()} is absent. */
    Optional<Path> masterKeyFile();

    Bootstrap bootstrap();

    Ca ca();

    Keys keys();

    Profiles profiles();

    Crl crl();

    Est est();

    Ocsp ocsp();

    Renewal renewal();

    Security security();

    Audit audit();

    /** PumpPKI's own HTTPS listener (EST, console, admin API). */
    Tls tls();

    /** Who may reach the admin API and console, and over what. */
    Http http();

    Shutdown shutdown();

    /** The web console's sign-in sessions. */
    Console console();

    /** The renewal scheduler's jobs: schedules and scan windows. */
    Scheduler scheduler();

    /** Where flags are announced: webhooks and e-mail. */
    Notifications notifications();

    interface Db {
        Optional<String> url();

        /** The role the application runs as. */
        Optional<String> username();

        Optional<String> password();

        /**
         * The role that owns the schema and runs the migrations; when set, the application role
         * is granted what it needs after each migration and may only insert into the audit log.
         */
        Optional<String> migrationUsername();

        Optional<String> migrationPassword();
    }

    interface Ca {
        /**
         * What the first start creates: {@code self-signed} (a root CA and an issuing CA under it),
         * {@code external-root} (an issuing CA key and CSR for an enterprise root to sign), or
         * {@code none}.
         */
        @WithDefault("self-signed")
        String bootstrap();

        /** Key and signature algorithm of the CA keys, e.g. {@code ec-p256-sha256}, {@code rsa-3072-sha256}. */
        @WithDefault("ec-p256-sha256")
        String preset();

        /** Where new CA keys are generated: {@code soft} (wrapped under the master key) or {@code pkcs11}. */
        @WithDefault("soft")
        String keyStore();

        Root root();

        Issuing issuing();

        interface Root {
            @WithDefault("root")
            String name();

            @WithDefault("CN=PumpPKI Root CA,O=PumpPKI")
            String subject();

            @WithDefault("7305d")
            Duration validity();
        }

        interface Issuing {
            @WithDefault("issuing")
            String name();

            @WithDefault("CN=PumpPKI Issuing CA 1,O=PumpPKI")
            String subject();

            @WithDefault("3652d")
            Duration validity();
        }
    }

    interface Keys {
        Pkcs11 pkcs11();

        /** A PKCS#11 token (HSM) through the JDK's SunPKCS11 provider. */
        interface Pkcs11 {
            /** Path of the PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}; empty = no token. */
            Optional<Path> library();

            /** Slot id; alternatively {@link #slotListIndex()}. */
            OptionalLong slot();

            OptionalInt slotListIndex();

            /** User PIN of the token. */
            Optional<String> pin();

            @WithDefault("pumppki")
            String name();
        }
    }

    interface Profiles {
        /** Organisation written into device certificate subjects. */
        Optional<String> organization();

        Optional<String> organizationalUnit();

        Pump pump();

        Server pumpServer();

        Server radiusServer();

        /** What every server certificate (pump server and RADIUS server) may name. */
        ServerNames server();

        Responder ocspResponder();

        /** The certificate that signs audit checkpoints, replaced once half its life is gone. */
        AuditSigner auditSigner();

        interface ServerNames {
            /**
             * DNS suffixes ({@code hospital.example} permits it and every name below) and IP ranges
             * in CIDR notation ({@code 10.20.0.0/16}). Empty: no restriction beyond the
             * administrator who registers each server.
             */
            Optional<List<String>> permittedNames();
        }

        interface Pump {
            @WithDefault("730d")
            Duration validity();

            /** Subject CN template: {serial}, {model}, {manufacturer}, {macAddress}. */
            @WithDefault("{serial}")
            String commonName();

            /**
             * hwType OID of the hardwareModuleName SAN (RFC 4108). The default is a UUID-based OID
             * (X.667 arc 2.25) minted for PumpPKI pumps; manufacturers' own OIDs can replace it.
             */
            @WithDefault("2.25.37820964204885442559811017502529240491")
            String hardwareModuleType();

            /** SSIDs written into the WLAN SSID extension (RFC 4334); empty = no extension. */
            Optional<List<String>> wlanSsids();

            /** Where the MAC address goes: none, subject or san. */
            @WithDefault("none")
            String macAddress();
        }

        interface Server {
            @WithDefault("365d")
            Duration validity();
        }

        interface Responder {
            @WithDefault("7d")
            Duration validity();
        }

        interface AuditSigner {
            @WithDefault("30d")
            Duration validity();
        }
    }

    interface Crl {
        /** Distance between thisUpdate and nextUpdate of each CRL. */
        @WithDefault("24h")
        Duration validity();

        /** How often the cluster checks whether a CRL is stale or half its life is gone. */
        @WithDefault("1m")
        Duration refreshCheck();
    }

    interface Ocsp {
        /** nextUpdate - thisUpdate of every OCSP answer. */
        @WithDefault("1h")
        Duration responseValidity();

        /**
         * How serials this CA never issued are answered: {@code revoked} (RFC 6960 extended revoked
         * definition) or {@code unknown}.
         */
        @WithDefault("revoked")
        String notIssued();

        /** How often responder certificates are checked and rotated once half their life is gone. */
        @WithDefault("15m")
        Duration rotationCheck();

        /** How often the lookups counted in memory are written to the database. */
        @WithDefault("5s")
        Duration lookupFlush();

        /**
         * The key algorithm of the delegated responder certificates, as an algorithm preset
         * ({@code ed25519}, {@code ec-p256-sha256}, ...); unset, each responder has its CA's
         * algorithm. {@code ed25519} signs answers several times faster than EC P-256; OpenSSL
         * 1.1.1 and later (so FreeRADIUS 3 and nginx) verify it, older relying parties may not.
         * A change takes effect at the next start, when the responders are replaced.
         */
        Optional<AlgorithmPreset> responderKey();

        /** Lookup records (per certificate, and per certificate and requester) older than this are deleted. */
        @WithDefault("90d")
        Duration lookupRetention();
    }

    interface Est {
        /** How long a one-time enrollment code stays usable. */
        @WithDefault("72h")
        Duration enrollmentCodeValidity();

        /** Failed enrollment-code attempts tolerated per device serial inside {@link #attemptWindow()}. */
        @WithDefault("5")
        int maxFailuresPerDevice();

        /** Failed enrollment-code attempts tolerated per source address inside {@link #attemptWindow()}. */
        @WithDefault("20")
        int maxFailuresPerSource();

        @WithDefault("15m")
        Duration attemptWindow();

        /**
         * How long a certificate replaced by {@code simplereenroll} stays valid before it is revoked
         * as superseded, so that a pump in the middle of a roll-out still authenticates.
         */
        @WithDefault("7d")
        Duration supersededGracePeriod();

        /** The unlabelled {@code /.well-known/est/} path. */
        @WithName("default")
        EstLabel unlabelled();

        /** {@code /.well-known/est/<label>/}, e.g. one label per pump model. */
        Map<String, EstLabel> labels();

        ZeroTouch zeroTouch();
    }

    /** What one EST path serves: which profile, under which issuing CA, with which options. */
    interface EstLabel {
        /** Certificate profile; empty = the device kind's default. */
        Optional<String> profile();

        /** Name of the issuing CA; empty = the default issuing CA. */
        Optional<String> ca();

        /** Whether {@code serverkeygen} is offered (RFC 7030 §4.4). */
        @WithDefault("false")
        boolean serverKeygen();

        /** Accept and answer raw DER bodies instead of base64, for gateways that need it. */
        @WithDefault("false")
        boolean rawDer();
    }

    /** Zero-touch onboarding with a manufacturer device certificate (IEEE 802.1AR IDevID). */
    interface ZeroTouch {
        /** PEM files of the manufacturer CAs whose device certificates are accepted; empty = off. */
        Optional<List<Path>> trustAnchors();

        /**
         * Whether a pump presenting a valid IDevID is enrolled at once; otherwise an unknown pump is
         * registered as pending and answered 202 until a biomed approves it.
         */
        @WithDefault("false")
        boolean autoApprove();

        /** Seconds a pending pump is told to wait before asking again. */
        @WithDefault("300")
        int retryAfterSeconds();
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

    /** Signed checkpoints that anchor the audit log's hash chain outside the database. */
    interface Audit {
        /** How often the chain head is checkpointed when new events exist (and once more on a clean stop). */
        @WithDefault("1h")
        Duration checkpointInterval();

        /** Where each checkpoint is written as a CMS file; empty = {@code <data-dir>/audit-checkpoints}. */
        Optional<Path> checkpointDirectory();
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

    interface Tls {
        /** Operator-provided PEM certificate chain of the HTTPS listener; empty = PumpPKI issues its own. */
        Optional<Path> certificateFile();

        /** PEM private key of {@link #certificateFile()}. */
        Optional<Path> keyFile();

        /** Host names and IP addresses of PumpPKI's own certificate; empty = this host's name and localhost. */
        Optional<List<String>> hostNames();

        /** Lifetime of PumpPKI's own certificate. */
        @WithDefault("90d")
        Duration validity();

        /** Renew PumpPKI's own certificate once less than this fraction of its lifetime is left. */
        @WithDefault("0.33")
        double renewWhenRemaining();

        /** How often the certificate is checked for renewal. */
        @WithDefault("1h")
        Duration renewalCheck();
    }

    interface Http {
        /**
         * Addresses of TLS-terminating proxies whose {@code X-Forwarded-Proto: https} is believed, so
         * that the admin API may be reached through them over plain HTTP; empty = HTTPS only.
         */
        Optional<List<String>> trustedProxies();

        /** Base URL of the HTTPS listener named in refusals on plain HTTP; empty = from the request's host. */
        Optional<String> httpsBaseUrl();
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

    /**
     * How the server stops on SIGTERM. Both are applied as Quarkus's {@code quarkus.shutdown.delay}
     * and {@code quarkus.shutdown.timeout} (see application.properties of the server).
     */
    interface Shutdown {
        /** How long readiness reports DOWN, still serving, before draining starts (for load balancers). */
        @WithDefault("0s")
        Duration delay();

        /** How long requests in progress may take to complete while new ones are refused. */
        @WithDefault("5s")
        Duration drainTimeout();
    }

    /**
     * Console sessions live in an encrypted cookie, so any replica can read them when all share the
     * key. Applied as Quarkus's form authentication settings (see application.properties of the server).
     */
    interface Console {
        /**
         * Key that encrypts console session cookies (at least 32 characters); shared by all replicas.
         * Empty = generated once into the data directory.
         */
        Optional<String> sessionKey();

        /** A session ends after this long without a request. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** A session ends this long after sign-in, however active. */
        @WithDefault("8h")
        Duration absoluteTimeout();
    }

    /**
     * Each job runs on {@code pki.scheduler.<job>.cron} (Quartz syntax, seconds first; {@code off}
     * disables it), once per tick across all replicas.
     */
    interface Scheduler {
        JobSchedule expiryScan();

        SightingsScan sightingsScan();

        JobSchedule inventoryScan();

        InfrastructureScan infrastructureScan();

        CrlFreshness crlFreshness();

        JobSchedule notificationDelivery();

        JobSchedule notificationDigest();

        /** A run still marked running after this long is taken for dead (its replica stopped mid-run). */
        @WithDefault("1h")
        Duration staleRunAfter();

        /** The cron expression the job runs on. */
        default String cron(org.pumppki.ca.domain.SchedulerJob job) {
            JobSchedule schedule = switch (job) {
                case EXPIRY_SCAN -> expiryScan();
                case SIGHTINGS_SCAN -> sightingsScan();
                case INVENTORY_SCAN -> inventoryScan();
                case INFRASTRUCTURE_SCAN -> infrastructureScan();
                case CRL_FRESHNESS -> crlFreshness();
                case NOTIFICATION_DELIVERY -> notificationDelivery();
                case NOTIFICATION_DIGEST -> notificationDigest();
            };
            return schedule.cron().orElse(job.defaultCron());
        }
    }

    interface JobSchedule {
        /** Empty: the job's default schedule. */
        Optional<String> cron();
    }

    interface SightingsScan extends JobSchedule {
        /** How far back OCSP lookups count: a flag clears once its certificate was not looked up for this long. */
        @WithDefault("7d")
        Duration lookback();
    }

    interface InfrastructureScan extends JobSchedule {
        /**
         * How long before expiry CA, OCSP responder, RADIUS server, pump server and PumpPKI's own
         * certificates are flagged; the smallest window is critical.
         */
        @WithDefault("90d,60d,30d")
        List<Duration> expiryWarnings();
    }

    interface CrlFreshness extends JobSchedule {
        /** A CRL is flagged once less than this fraction of its lifetime is left (it is refreshed at half). */
        @WithDefault("0.25")
        double warnWhenRemaining();
    }

    interface Notifications {
        /** {@code pki.notifications.webhooks.<name>.url} and {@code .secret}: each receives every flag change. */
        Map<String, Webhook> webhooks();

        Mail mail();

        /** Attempts per notification before it is given up as failed. */
        @WithDefault("6")
        int maxAttempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("1m")
        Duration retryBackoff();

        /** Longest wait for a webhook receiver's answer. */
        @WithDefault("10s")
        Duration webhookTimeout();
    }

    /** A webhook: a JSON POST signed with HMAC-SHA256 of the body under {@link #secret()}. */
    interface Webhook {
        String url();

        /** Key of the {@code X-PumpPKI-Signature} header; never logged. */
        String secret();
    }

    interface Mail {
        /** Recipients of critical flags (at once) and of the daily digest; empty = no e-mail. */
        Optional<List<String>> to();

        @WithDefault("PumpPKI <pumppki@localhost>")
        String from();

        /** SMTP server. */
        @WithDefault("localhost")
        String host();

        @WithDefault("25")
        int port();

        Optional<String> username();

        /** Never logged. */
        Optional<String> password();

        /** {@code DISABLED}, {@code OPTIONAL} or {@code REQUIRED}. */
        @WithDefault("OPTIONAL")
        String startTls();
    }
}
