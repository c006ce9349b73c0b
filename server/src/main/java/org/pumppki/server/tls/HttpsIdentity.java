package org.pumppki.server.tls;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.crypto.TrustedIdentity;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.ScheduledWork;
import org.pumppki.ca.service.authority.AuthoritiesChanged;
import org.pumppki.ca.service.authority.CaBootstrap;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.certificate.CertificateIssuance;
import org.pumppki.ca.service.certificate.IssuedCertificate;

/**
 * The certificate of PumpPKI's HTTPS listener. An operator's PEM pair ({@code pki.tls.certificate-file},
 * {@code pki.tls.key-file}) wins; otherwise PumpPKI issues its own from the default issuing CA, keeps
 * it in the data directory, and renews it once {@code pki.tls.renew-when-remaining} of its lifetime
 * is left, without a restart. The listener asks clients for a certificate (EST re-enrollment and
 * zero-touch) and accepts those that chain to PumpPKI's CAs or a configured manufacturer CA.
 */
@ApplicationScoped
public class HttpsIdentity {

    /** After the CA hierarchy exists, before the listener opens. */
    static final int PRIORITY = CaBootstrap.PRIORITY + 10;

    private static final Logger LOG = Logger.getLogger(HttpsIdentity.class);
    private static final Actor TLS = Actor.system("tls");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final PkiConfig config;
    private final CertificateIssuance issuance;
    private final CertificateAuthorities authorities;
    private final TlsConfigurationRegistry registry;
    private final Event<CertificateUpdatedEvent> updates;
    private final Clock clock;
    private final ScheduledWork work;
    private final SecureRandom random = new SecureRandom();
    private volatile PumpPkiTlsConfiguration configuration;

    HttpsIdentity(PkiConfig config, CertificateIssuance issuance, CertificateAuthorities authorities,
            TlsConfigurationRegistry registry, Event<CertificateUpdatedEvent> updates, Clock clock, ScheduledWork work) {
        this.config = config;
        this.work = work;
        this.issuance = issuance;
        this.authorities = authorities;
        this.registry = registry;
        this.updates = updates;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        TlsMaterial material = operatorMaterial().orElseGet(this::ownMaterial);
        configuration = new PumpPkiTlsConfiguration(material, clientAnchors());
        registry.register(PumpPkiTlsConfiguration.NAME, configuration);
        LOG.infof("HTTPS certificate: %s, serial %s, valid until %s", material.leaf().getSubjectX500Principal(),
                material.leaf().getSerialNumber().toString(16), material.leaf().getNotAfter().toInstant());
    }

    /** The certificate the listener serves now, leaf first. */
    public List<X509Certificate> currentChain() {
        return TlsMaterial.chain(configuration.material().chainPem());
    }

    /** On every replica: each keeps its own certificate in its data directory. */
    @Scheduled(every = "${pki.tls.renewal-check:1h}", delayed = "${pki.tls.renewal-check:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, executeWith = Scheduled.SIMPLE)
    void renewIfDue() {
        work.run(this::renewNowIfDue);
    }

    private void renewNowIfDue() {
        PumpPkiTlsConfiguration current = configuration;
        if (current == null || operatorProvided()
                || !current.material().dueForRenewal(clock.instant(), config.tls().renewWhenRemaining())) {
            return;
        }
        TlsMaterial renewed = issueAndStore();
        current.replaceMaterial(renewed);
        updates.fire(new CertificateUpdatedEvent(PumpPkiTlsConfiguration.NAME, current));
        LOG.infof("Renewed the HTTPS certificate: serial %s, valid until %s",
                renewed.leaf().getSerialNumber().toString(16), renewed.leaf().getNotAfter().toInstant());
    }

    /** A new or imported CA changes which client certificates the listener accepts. */
    void onAuthoritiesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuthoritiesChanged change) {
        PumpPkiTlsConfiguration current = configuration;
        if (current != null) {
            if (!operatorProvided() && StandInCertificate.isStandIn(current.material()) && authorities.hasDefaultIssuing()) {
                current.replaceMaterial(issueAndStore());
                LOG.info("An issuing CA exists now: the HTTPS listener serves a certificate from it");
            }
            current.replaceClientAnchors(clientAnchors());
            updates.fire(new CertificateUpdatedEvent(PumpPkiTlsConfiguration.NAME, current));
        }
    }

    private boolean operatorProvided() {
        return config.tls().certificateFile().isPresent();
    }

    private Optional<TlsMaterial> operatorMaterial() {
        if (!operatorProvided()) {
            return Optional.empty();
        }
        Path keyFile = config.tls().keyFile().orElseThrow(() -> new IllegalStateException(
                "pki.tls.certificate-file is set but pki.tls.key-file is not"));
        return Optional.of(new TlsMaterial(read(keyFile), read(config.tls().certificateFile().get())));
    }

    /** The certificate kept in the data directory, unless it is missing, due for renewal or for other names. */
    private TlsMaterial ownMaterial() {
        if (!authorities.hasDefaultIssuing()) {
            LOG.warn("No issuing CA yet: the HTTPS listener serves a temporary self-signed certificate until one exists");
            return StandInCertificate.create(generalNames(), clock.instant(), random);
        }
        Path key = directory().resolve("https.key");
        Path chain = directory().resolve("https.crt");
        if (Files.isRegularFile(key) && Files.isRegularFile(chain)) {
            try {
                TlsMaterial stored = new TlsMaterial(read(key), read(chain));
                if (!stored.dueForRenewal(clock.instant(), config.tls().renewWhenRemaining())
                        && namesOf(stored.leaf()).equals(Set.copyOf(hostNames()))) {
                    return stored;
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                LOG.warnf("The stored HTTPS certificate cannot be used (%s); issuing a new one", e.getMessage());
            }
        }
        return issueAndStore();
    }

    private TlsMaterial issueAndStore() {
        KeyPair keyPair = AlgorithmPreset.EC_P256_SHA256.generateKeyPair(random);
        IssuedCertificate issued = issuance.issueOwnTlsCertificate(TLS,
                KeyPolicy.DEFAULT.check(SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded())), identity());
        List<X509CertificateHolder> chain = new ArrayList<>();
        chain.add(issued.certificate());
        // The root is the relying party's anchor; sending it adds bytes to every handshake and nothing else.
        issued.chain().stream().filter(ca -> !ca.getSubject().equals(ca.getIssuer())).forEach(chain::add);
        TlsMaterial material = new TlsMaterial(Pems.privateKey(keyPair.getPrivate()), Pem.certificates(chain));
        write(directory().resolve("https.key"), material.keyPem());
        write(directory().resolve("https.crt"), material.chainPem());
        return material;
    }

    private List<GeneralName> generalNames() {
        TrustedIdentity identity = identity();
        List<GeneralName> names = new ArrayList<>();
        identity.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        identity.ipAddresses().forEach(address -> names.add(new GeneralName(GeneralName.iPAddress,
                new org.bouncycastle.asn1.DEROctetString(address.getAddress()))));
        return names;
    }

    private TrustedIdentity identity() {
        TrustedIdentity.Builder identity = TrustedIdentity.builder();
        for (String name : hostNames()) {
            if (IPV4.matcher(name).matches() || name.contains(":")) {
                identity.ipAddress(ipLiteral(name));
            } else {
                identity.dnsName(name);
            }
        }
        return identity.build();
    }

    private List<String> hostNames() {
        Set<String> names = new LinkedHashSet<>();
        config.tls().hostNames().ifPresentOrElse(configured -> configured.forEach(names::add), () -> {
            localHostName().ifPresent(names::add);
            names.add("localhost");
            names.add("127.0.0.1");
        });
        return names.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty()).toList();
    }

    private static Optional<String> localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return IPV4.matcher(name).matches() || name.contains(":") ? Optional.empty() : Optional.of(name);
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME"));
        }
    }

    private static InetAddress ipLiteral(String literal) {
        try {
            // Only ever called with an address literal, which getByName parses without a lookup.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("pki.tls.host-names: '" + literal + "' is not an IP address", e);
        }
    }

    private static Set<String> namesOf(X509Certificate certificate) {
        try {
            Set<String> names = new java.util.HashSet<>();
            var altNames = certificate.getSubjectAlternativeNames();
            if (altNames != null) {
                altNames.forEach(entry -> names.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT)));
            }
            return names;
        } catch (java.security.cert.CertificateParsingException e) {
            return Set.of();
        }
    }

    /** PumpPKI's CA certificates and the configured manufacturer CAs. */
    private List<X509Certificate> clientAnchors() {
        List<X509Certificate> anchors = new ArrayList<>();
        authorities.list().stream().filter(ca -> ca.certificate != null)
                .forEach(ca -> anchors.addAll(TlsMaterial.chain(Pem.encode(Pem.CERTIFICATE, ca.certificate))));
        config.est().zeroTouch().trustAnchors().orElse(List.of())
                .forEach(file -> anchors.addAll(TlsMaterial.chain(read(file))));
        return anchors;
    }

    private Path directory() {
        return config.dataDir().resolve("tls");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes beside the target and moves it into place, so that a crash never leaves half a key. */
    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
