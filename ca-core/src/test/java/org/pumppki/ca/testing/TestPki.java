package org.pumppki.ca.testing;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.CaCertificateFactory;
import org.pumppki.ca.crypto.CaCertificateSpec;
import org.pumppki.ca.crypto.IssuanceRequest;
import org.pumppki.ca.crypto.IssuingCa;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.MacAddress;
import org.pumppki.ca.crypto.ProfileSettings;
import org.pumppki.ca.crypto.PublicationUrls;
import org.pumppki.ca.crypto.RequestedNames;
import org.pumppki.ca.crypto.SerialNumberGenerator;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.crypto.TrustedIdentity;
import org.pumppki.ca.crypto.UntrustedCsr;

/**
 * A complete small PKI for tests: root, issuing CA and delegated OCSP responder, all with one
 * {@link AlgorithmPreset}, at a fixed instant. It issues pump and server certificates from real
 * CSRs through the standard profiles, and exposes certificates, key pairs and fresh signers.
 *
 * <p>Shared with other modules through the ca-core test-jar.
 */
public final class TestPki {

    /** The instant every fixture is built at unless a test chooses another. */
    public static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    public static final PublicationUrls URLS = new PublicationUrls(
            "http://pki.hospital.example/ocsp", "http://pki.hospital.example/issuing.cer", "http://pki.hospital.example/issuing.crl");
    /** Where the root publishes: what the issuing CA certificate points to. */
    public static final PublicationUrls ROOT_URLS = new PublicationUrls(
            "http://pki.hospital.example/ocsp", "http://pki.hospital.example/root.cer", "http://pki.hospital.example/root.crl");
    /** A hardware type under the IANA-registered example enterprise arc (RFC 5612). */
    public static final String HARDWARE_TYPE = "1.3.6.1.4.1.32473.1.1";
    public static final Duration ROOT_VALIDITY = Duration.ofDays(20 * 365);
    public static final Duration ISSUING_VALIDITY = Duration.ofDays(10 * 365);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlgorithmPreset preset;
    private final Instant now;
    private final ProfileSettings settings;
    private final SerialNumberGenerator serials = new SerialNumberGenerator(RANDOM);
    private final KeyPair rootKey;
    private final KeyPair issuingKey;
    private final KeyPair responderKey;
    private final X509CertificateHolder root;
    private final X509CertificateHolder issuing;
    private final X509CertificateHolder responder;

    private TestPki(AlgorithmPreset preset, Instant now, Duration issuingValidity, ProfileSettings settings) {
        this.preset = preset;
        this.now = now;
        this.settings = settings;
        this.rootKey = TestKeys.of(preset, "root");
        this.issuingKey = TestKeys.of(preset, "issuing");
        this.responderKey = TestKeys.of(preset, "responder");
        this.root = CaCertificateFactory.selfSignedRoot(
                new CaCertificateSpec(new X500Name("CN=Test Hospital Root CA, O=Test Hospital"), serials.next(), now.minus(Duration.ofDays(1)),
                        ROOT_VALIDITY, OptionalInt.of(1)),
                spki(rootKey), preset.contentSigner(rootKey.getPrivate()));
        this.issuing = CaCertificateFactory.issuingCa(
                new CaCertificateSpec(new X500Name("CN=Test Hospital Pump Issuing CA, O=Test Hospital"), serials.next(), now.minus(Duration.ofHours(1)),
                        issuingValidity, OptionalInt.empty()),
                spki(issuingKey), root, preset.contentSigner(rootKey.getPrivate()), ROOT_URLS);
        this.responder = StandardProfile.OCSP_RESPONDER.create(settings).issue(new IssuanceRequest(
                        KeyPolicy.DEFAULT.check(spki(responderKey)), RequestedNames.none(),
                        TrustedIdentity.builder().commonName("Test Hospital OCSP Responder").build(),
                        issuingCa(), now, serials.next()),
                issuingSigner());
    }

    public static TestPki create(AlgorithmPreset preset) {
        return new TestPki(preset, NOW, ISSUING_VALIDITY, defaultSettings().build());
    }

    public static TestPki create(AlgorithmPreset preset, Instant now, ProfileSettings settings) {
        return new TestPki(preset, now, ISSUING_VALIDITY, settings);
    }

    /** A PKI whose issuing CA certificate expires {@code issuingValidity} after {@link #NOW} less an hour. */
    public static TestPki withIssuingValidity(AlgorithmPreset preset, Duration issuingValidity) {
        return new TestPki(preset, NOW, issuingValidity, defaultSettings().build());
    }

    /** Profile settings for a hospital with a hardware type; tests add what they need. */
    public static ProfileSettings.Builder defaultSettings() {
        return ProfileSettings.builder().organization("Test Hospital").hardwareModuleType(HARDWARE_TYPE);
    }

    /** A pump as the inventory records it. */
    public static TrustedIdentity pumpIdentity(String serial) {
        return TrustedIdentity.builder()
                .deviceSerial(serial).model("Infusomat 9").manufacturer("Example Medical")
                .macAddress(MacAddress.parse("00:1a:2b:3c:4d:5e")).build();
    }

    /** A server registered with the given DNS names and addresses. */
    public static TrustedIdentity serverIdentity(List<String> dnsNames, List<String> ipAddresses) {
        TrustedIdentity.Builder builder = TrustedIdentity.builder().dnsName(dnsNames.toArray(String[]::new));
        ipAddresses.forEach(address -> builder.ipAddress(inet(address)));
        return builder.build();
    }

    /** Issues through a standard profile from a CSR, as the enrollment service would. */
    public X509CertificateHolder issue(StandardProfile profile, byte[] csr, TrustedIdentity identity) {
        return issue(profile, csr, identity, now);
    }

    public X509CertificateHolder issue(StandardProfile profile, byte[] csr, TrustedIdentity identity, Instant start) {
        UntrustedCsr request = UntrustedCsr.parse(csr, KeyPolicy.DEFAULT);
        return profile.create(settings).issue(
                IssuanceRequest.fromCsr(request, identity, issuingCa(), start, serials.next()), issuingSigner());
    }

    /** A pump certificate for a fresh CSR with CN = serial from a key of this PKI's preset. */
    public X509CertificateHolder issuePump(String serial) {
        byte[] csr = TestCsr.forKey(pumpKey()).subject("CN=" + serial).signedWith(preset.signatureAlgorithm()).der();
        return issue(StandardProfile.PUMP, csr, pumpIdentity(serial));
    }

    /**
     * A server certificate for a fresh CSR that names the first registered host as CN and asks for
     * no alternative names, so the profile certifies every registered name.
     */
    public X509CertificateHolder issueServer(StandardProfile profile, TrustedIdentity identity) {
        byte[] csr = TestCsr.forKey(serverKey()).subject("CN=" + identity.dnsNames().get(0))
                .signedWith(preset.signatureAlgorithm()).der();
        return issue(profile, csr, identity);
    }

    public KeyPair pumpKey() {
        return TestKeys.of(preset, "pump");
    }

    public KeyPair serverKey() {
        return TestKeys.of(preset, "server");
    }

    public AlgorithmPreset preset() {
        return preset;
    }

    public Instant now() {
        return now;
    }

    public ProfileSettings settings() {
        return settings;
    }

    public BigInteger nextSerial() {
        return serials.next();
    }

    public IssuingCa issuingCa() {
        return new IssuingCa(issuing, URLS);
    }

    public X509CertificateHolder rootCertificate() {
        return root;
    }

    public X509CertificateHolder issuingCertificate() {
        return issuing;
    }

    public X509CertificateHolder responderCertificate() {
        return responder;
    }

    /** Issuing CA then root, as served by EST cacerts. */
    public List<X509CertificateHolder> caChain() {
        return List.of(issuing, root);
    }

    public KeyPair rootKeyPair() {
        return rootKey;
    }

    public KeyPair issuingKeyPair() {
        return issuingKey;
    }

    public KeyPair responderKeyPair() {
        return responderKey;
    }

    /** A new signer on every call: signers are not thread-safe. */
    public ContentSigner rootSigner() {
        return preset.contentSigner(rootKey.getPrivate());
    }

    public ContentSigner issuingSigner() {
        return preset.contentSigner(issuingKey.getPrivate());
    }

    public ContentSigner responderSigner() {
        return preset.contentSigner(responderKey.getPrivate());
    }

    public static SubjectPublicKeyInfo spki(KeyPair keyPair) {
        return SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
    }

    public static InetAddress inet(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
