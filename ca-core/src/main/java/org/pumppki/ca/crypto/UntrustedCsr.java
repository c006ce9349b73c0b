package org.pumppki.ca.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A PKCS#10 certification request whose structure, key and signature have been checked, and whose
 * contents are still untrusted.
 *
 * <p>{@link #parse(byte[], KeyPolicy)} accepts DER, PEM ({@code CERTIFICATE REQUEST} or
 * {@code NEW CERTIFICATE REQUEST}) and bare base64 with line breaks, refuses input over 64 KiB, and
 * then checks, in this order: the ASN.1 structure (including the extensionRequest attribute), the
 * signature algorithm ({@link SignatureAlgorithmPolicy}), the subject key ({@link KeyPolicy}) and the
 * signature itself, which proves possession of the private key. What the request asks for is
 * available only through {@link #requestedNames()}, whose accessors are all named untrusted.
 */
public final class UntrustedCsr {

    private final PKCS10CertificationRequest request;
    private final AcceptedKey subjectKey;
    private final RequestedNames requestedNames;

    private UntrustedCsr(PKCS10CertificationRequest request, AcceptedKey subjectKey, RequestedNames requestedNames) {
        this.request = request;
        this.subjectKey = subjectKey;
        this.requestedNames = requestedNames;
    }

    /**
     * Parses and verifies a request.
     *
     * @throws MalformedInputException if the input is not a well-formed CSR
     * @throws PolicyViolationException if the key or signature algorithm is refused, or the signature
     *         does not verify ({@link PolicyViolation#BAD_SIGNATURE})
     */
    public static UntrustedCsr parse(byte[] input, KeyPolicy keyPolicy) {
        PKCS10CertificationRequest request = decode(CsrEncoding.toDer(input));
        RequestedNames names = RequestedNames.of(request.getSubject(), subjectAltNames(request));
        SignatureAlgorithmPolicy.requireAllowed(request.getSignatureAlgorithm());
        AcceptedKey key = keyPolicy.check(request.getSubjectPublicKeyInfo());
        requireProofOfPossession(request);
        return new UntrustedCsr(request, key, names);
    }

    /** Convenience for PEM or base64 text. */
    public static UntrustedCsr parse(String text, KeyPolicy keyPolicy) {
        return parse(text.getBytes(StandardCharsets.UTF_8), keyPolicy);
    }

    /** The subject public key: policy-checked, and the requester proved it holds the private key. */
    public AcceptedKey subjectKey() {
        return subjectKey;
    }

    public RequestedNames requestedNames() {
        return requestedNames;
    }

    public AlgorithmIdentifier signatureAlgorithm() {
        return request.getSignatureAlgorithm();
    }

    /**
     * The PKCS#9 challengePassword, which EST clients use to bind the CSR to their TLS session
     * (RFC 7030 §3.5). Untrusted: the caller compares it with the value it expects.
     */
    public Optional<String> untrustedChallengePassword() {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        if (attributes.length == 0) {
            return Optional.empty();
        }
        if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
            throw new MalformedInputException("The request carries more than one challengePassword");
        }
        ASN1Encodable value = attributes[0].getAttrValues().getObjectAt(0);
        if (!(value instanceof ASN1String string)) {
            throw new MalformedInputException("The challengePassword is not a string");
        }
        return Optional.of(string.getString());
    }

    /** The DER encoding, as stored for audit. */
    public byte[] encoded() {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("A parsed request must re-encode", e);
        }
    }

    private static PKCS10CertificationRequest decode(byte[] der) {
        try {
            return new PKCS10CertificationRequest(CertificationRequest.getInstance(Der.primitive(der, "certificate request")));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new MalformedInputException("The input is not a PKCS#10 certificate request", e);
        }
    }

    private static GeneralNames subjectAltNames(PKCS10CertificationRequest request) {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
            throw new MalformedInputException("The request must carry at most one extensionRequest with one value");
        }
        try {
            Extensions extensions = Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
            Extension altNames = extensions.getExtension(Extension.subjectAlternativeName);
            return altNames == null ? null : GeneralNames.getInstance(altNames.getParsedValue());
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new MalformedInputException("The requested extensions are malformed: " + e.getMessage(), e);
        }
    }

    private static void requireProofOfPossession(PKCS10CertificationRequest request) {
        if (!SignatureCheck.verifies(request)) {
            throw new PolicyViolationException(PolicyViolation.BAD_SIGNATURE,
                    "The request signature does not verify with its public key; possession of the private key is not proven");
        }
    }
}
