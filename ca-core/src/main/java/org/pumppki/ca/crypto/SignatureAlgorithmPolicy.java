package org.pumppki.ca.crypto;

import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The signature algorithms PumpPKI accepts on data it is asked to trust (CSRs): RSA PKCS#1 v1.5,
 * RSASSA-PSS and ECDSA with SHA-256, SHA-384 or SHA-512, and Ed25519. SHA-1, MD5 and their kin are
 * refused as {@link PolicyViolation#WEAK_SIGNATURE}, because a collision lets an attacker reuse a
 * proof of possession; any other algorithm is {@link PolicyViolation#SIGNATURE_NOT_ALLOWED}.
 */
public final class SignatureAlgorithmPolicy {

    private static final Set<ASN1ObjectIdentifier> ALLOWED = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption,
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512,
            EdECObjectIdentifiers.id_Ed25519);

    private static final Set<ASN1ObjectIdentifier> PSS_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private static final Set<ASN1ObjectIdentifier> WEAK = Set.of(
            PKCSObjectIdentifiers.md2WithRSAEncryption,
            PKCSObjectIdentifiers.md4WithRSAEncryption,
            PKCSObjectIdentifiers.md5WithRSAEncryption,
            PKCSObjectIdentifiers.sha1WithRSAEncryption,
            OIWObjectIdentifiers.sha1WithRSA,
            OIWObjectIdentifiers.md5WithRSA,
            X9ObjectIdentifiers.ecdsa_with_SHA1,
            X9ObjectIdentifiers.id_dsa_with_sha1);

    private SignatureAlgorithmPolicy() {
    }

    /**
     * @throws PolicyViolationException when the algorithm is weak or not on the list
     */
    public static void requireAllowed(AlgorithmIdentifier signatureAlgorithm) {
        ASN1ObjectIdentifier oid = signatureAlgorithm.getAlgorithm();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            requireStrongPss(signatureAlgorithm.getParameters());
            return;
        }
        if (WEAK.contains(oid)) {
            throw new PolicyViolationException(PolicyViolation.WEAK_SIGNATURE, "Signature algorithm "
                    + AlgorithmNames.of(oid) + " is too weak; sign with SHA-256 or stronger");
        }
        if (!ALLOWED.contains(oid)) {
            throw new PolicyViolationException(PolicyViolation.SIGNATURE_NOT_ALLOWED, "Signature algorithm "
                    + AlgorithmNames.of(oid) + " is not allowed; use SHA-256/384/512 with RSA or ECDSA, RSASSA-PSS or Ed25519");
        }
        ASN1Encodable parameters = signatureAlgorithm.getParameters();
        boolean rsa = !oid.on(X9ObjectIdentifiers.ansi_X9_62) && !EdECObjectIdentifiers.id_Ed25519.equals(oid);
        // RFC 4055 lets RSA carry NULL parameters; ECDSA and Ed25519 must carry none (RFC 5758, RFC 8410).
        if (parameters != null && !(rsa && DERNull.INSTANCE.equals(parameters))) {
            throw new MalformedInputException("Signature algorithm " + AlgorithmNames.of(oid) + " carries unexpected parameters");
        }
    }

    private static void requireStrongPss(ASN1Encodable parameters) {
        RSASSAPSSparams pss;
        try {
            // Absent parameters mean the RFC 4055 defaults: SHA-1 and MGF1 with SHA-1.
            pss = RSASSAPSSparams.getInstance(parameters == null ? new RSASSAPSSparams() : parameters);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("RSASSA-PSS parameters are malformed", e);
        }
        ASN1ObjectIdentifier digest = pss.getHashAlgorithm().getAlgorithm();
        if (!PSS_DIGESTS.contains(digest)) {
            throw new PolicyViolationException(PolicyViolation.WEAK_SIGNATURE,
                    "RSASSA-PSS with " + AlgorithmNames.of(digest) + " is too weak; use SHA-256 or stronger");
        }
        AlgorithmIdentifier mgf = pss.getMaskGenAlgorithm();
        if (!PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm()) || !digest.equals(mgfDigest(mgf))) {
            throw new PolicyViolationException(PolicyViolation.SIGNATURE_NOT_ALLOWED,
                    "RSASSA-PSS must use MGF1 with the same digest as the message digest");
        }
        if (pss.getTrailerField().intValue() != 1) {
            throw new MalformedInputException("RSASSA-PSS trailer field must be 1");
        }
    }

    private static ASN1ObjectIdentifier mgfDigest(AlgorithmIdentifier mgf) {
        try {
            AlgorithmIdentifier digest = AlgorithmIdentifier.getInstance(mgf.getParameters());
            return digest == null ? null : digest.getAlgorithm();
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("RSASSA-PSS mask generation parameters are malformed", e);
        }
    }
}
