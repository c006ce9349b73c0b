package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.ca.testing.TestPki;

class CheckpointCmsTest {

    private static final byte[] CONTENT = "{\"checkpoint\":7,\"eventId\":42}".getBytes(StandardCharsets.UTF_8);

    private final TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
    private final KeyPair signerKey = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "checkpoint-signer");
    private final X509CertificateHolder signer = documentSigner(pki, signerKey);

    @ParameterizedTest
    @EnumSource(value = AlgorithmPreset.class, names = {"EC_P256_SHA256", "RSA_3072_SHA256", "ED25519"})
    void aCheckpointVerifiesUpToTheRootAndReturnsWhatWasSigned(AlgorithmPreset preset) {
        TestPki pki = TestPki.create(preset);
        KeyPair key = TestKeys.of(preset, "checkpoint-signer");
        byte[] cms = CheckpointCms.sign(CONTENT, pki.now(), preset.contentSigner(key.getPrivate()),
                chain(documentSigner(pki, key), pki));

        CheckpointCms.Signed signed = CheckpointCms.verify(cms, List.of(pki.rootCertificate()));

        assertArrayEquals(CONTENT, signed.content());
        assertEquals(pki.now(), signed.signingTime());
    }

    @Test
    void theDocumentSigningProfileAllowsNothingElse() {
        assertEquals(new KeyUsage(KeyUsage.digitalSignature), KeyUsage.fromExtensions(signer.getExtensions()));
        assertEquals(List.of(KeyPurposeId.id_kp_documentSigning),
                List.of(ExtendedKeyUsage.fromExtensions(signer.getExtensions()).getUsages()));
        assertEquals(null, signer.getExtension(Extension.subjectAlternativeName));
    }

    @Test
    void aChangedContentByteBreaksTheSignature() {
        byte[] cms = sign(signer, pki.now());
        int at = indexOf(cms, CONTENT);
        cms[at + CONTENT.length - 3] = '3';

        MalformedInputException refused = assertThrows(MalformedInputException.class,
                () -> CheckpointCms.verify(cms, List.of(pki.rootCertificate())));
        assertTrue(refused.getMessage().contains("signature does not verify"), refused::getMessage);
    }

    @Test
    void anotherRootIsNotTrusted() {
        TestPki other = TestPki.create(AlgorithmPreset.EC_P384_SHA384);

        MalformedInputException refused = assertThrows(MalformedInputException.class,
                () -> CheckpointCms.verify(sign(signer, pki.now()), List.of(other.rootCertificate())));
        assertTrue(refused.getMessage().contains("does not chain to a trusted root"), refused::getMessage);
    }

    @Test
    void aSignerWithoutDocumentSigningIsRefused() {
        byte[] cms = CheckpointCms.sign(CONTENT, pki.now(), pki.responderSigner(),
                chain(pki.responderCertificate(), pki));

        MalformedInputException refused = assertThrows(MalformedInputException.class,
                () -> CheckpointCms.verify(cms, List.of(pki.rootCertificate())));
        assertTrue(refused.getMessage().contains("not certified for document signing"), refused::getMessage);
    }

    @Test
    void nothingIsSignedAsOfATimeTheSignerIsNotValid() {
        Instant afterExpiry = signer.getNotAfter().toInstant().plus(Duration.ofDays(1));

        assertThrows(SigningException.class, () -> sign(signer, afterExpiry));
    }

    @Test
    void somethingElseIsNotACheckpoint() {
        assertThrows(MalformedInputException.class, () -> CheckpointCms.verify(CONTENT, List.of(pki.rootCertificate())));
    }

    private byte[] sign(X509CertificateHolder certificate, Instant signingTime) {
        return CheckpointCms.sign(CONTENT, signingTime, AlgorithmPreset.EC_P256_SHA256.contentSigner(signerKey.getPrivate()),
                chain(certificate, pki));
    }

    private static X509CertificateHolder documentSigner(TestPki pki, KeyPair key) {
        return StandardProfile.AUDIT_CHECKPOINT.create(pki.settings()).issue(new IssuanceRequest(
                        KeyPolicy.DEFAULT.check(TestPki.spki(key)), RequestedNames.none(),
                        TrustedIdentity.builder().commonName("Test audit checkpoint signer").build(),
                        pki.issuingCa(), pki.now(), pki.nextSerial()),
                pki.issuingSigner());
    }

    private static List<X509CertificateHolder> chain(X509CertificateHolder signer, TestPki pki) {
        return List.of(signer, pki.issuingCertificate(), pki.rootCertificate());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("The CMS does not embed its content");
    }
}
