package org.pumppki.ca.crypto;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * Reads an OCSP request strictly enough that nothing later can fail on it: the whole structure is
 * decoded here, and anything odd becomes a {@link MalformedInputException}.
 *
 * <p>A request signature (optionalSignature) is read past but not verified: PumpPKI answers
 * anyone, as RFC 6960 allows, so an unverifiable signature changes nothing.
 */
final class OcspRequestParser {

    /** An OCSP request for a few certificates is a few hundred octets; RFC 5019 clients send one. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    /**
     * RADIUS servers and TLS peers ask about one certificate, sometimes its chain; a request for
     * more makes the responder sign a long answer for a few bytes of input.
     */
    static final int MAX_CERT_IDS = 20;
    /** RFC 9654 §2.1: responders must accept nonces up to 32 octets and may allow up to 128. */
    static final int MAX_NONCE_OCTETS = 128;

    /** The parts of a request the responder uses. {@code nonce} is the extension exactly as received. */
    record ParsedRequest(List<CertID> certIds, Optional<Extension> nonce) {
    }

    private OcspRequestParser() {
    }

    static ParsedRequest parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw new MalformedInputException("Empty OCSP request");
        }
        if (der.length > MAX_REQUEST_BYTES) {
            throw new MalformedInputException("OCSP request larger than " + MAX_REQUEST_BYTES + " octets");
        }
        try {
            TBSRequest tbs = OCSPRequest.getInstance(Der.primitive(der, "OCSP request")).getTbsRequest();
            if (tbs.getVersion().intValueExact() != 0) {
                throw new MalformedInputException("Unsupported OCSP request version " + tbs.getVersion());
            }
            ASN1Sequence requests = tbs.getRequestList();
            if (requests.size() == 0) {
                throw new MalformedInputException("The OCSP request lists no certificate");
            }
            if (requests.size() > MAX_CERT_IDS) {
                throw new MalformedInputException("The OCSP request lists " + requests.size()
                        + " certificates; at most " + MAX_CERT_IDS + " are answered");
            }
            List<CertID> certIds = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                certIds.add(fullyDecoded(Request.getInstance(requests.getObjectAt(i)).getReqCert()));
            }
            Extensions extensions = tbs.getRequestExtensions();
            Optional<Extension> nonce = Optional.ofNullable(
                    extensions == null ? null : extensions.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
            nonce.ifPresent(OcspRequestParser::requireNonceLength);
            return new ParsedRequest(List.copyOf(certIds), nonce);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException | ArithmeticException e) {
            throw new MalformedInputException("The OCSP request does not decode: " + e.getMessage(), e);
        }
    }

    /** BC decodes CertID fields lazily; touching each one here moves every failure into parsing. */
    private static CertID fullyDecoded(CertID certId) {
        certId.getHashAlgorithm().getAlgorithm();
        certId.getIssuerNameHash().getOctets();
        certId.getIssuerKeyHash().getOctets();
        certId.getSerialNumber().getValue();
        return certId;
    }

    /**
     * RFC 8954 defines the nonce as an OCTET STRING inside extnValue; some older clients put the
     * raw octets in extnValue directly. Both are accepted and echoed unchanged; the length limit
     * applies to the nonce itself.
     */
    private static void requireNonceLength(Extension extension) {
        byte[] value = extension.getExtnValue().getOctets();
        int length = value.length;
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(value);
            if (inner instanceof ASN1OctetString octets) {
                length = octets.getOctets().length;
            }
        } catch (IOException | RuntimeException rawNonce) {
            // Not DER: a legacy raw nonce, measured as it is.
        }
        if (length == 0 || length > MAX_NONCE_OCTETS) {
            throw new MalformedInputException("OCSP nonce of " + length + " octets; 1 to " + MAX_NONCE_OCTETS + " allowed");
        }
    }
}
