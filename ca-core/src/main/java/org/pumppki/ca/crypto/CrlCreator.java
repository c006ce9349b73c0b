package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Creates full v2 CRLs for an issuing CA (RFC 5280 §5): AKI, cRLNumber, thisUpdate and nextUpdate,
 * one entry per revoked certificate with a reasonCode unless the reason is unspecified. Deciding
 * what to list (holds released, expired entries dropped after one more CRL) and keeping cRLNumber
 * strictly increasing is the store's job; this class only encodes and signs.
 *
 * <p>Built for six-figure entry counts: entry extensions are shared per reason and nothing is
 * sorted or copied beyond what the encoder needs.
 */
public final class CrlCreator {

    private static final Map<RevocationReason, Extensions> REASON_EXTENSIONS = reasonExtensions();

    private CrlCreator() {
    }

    /**
     * @param issuer     the CA certificate; must allow cRLSign
     * @param signer     signer for the CA's private key
     * @param crlNumber  non-negative, at most 20 octets, supplied by the store
     * @param thisUpdate when this CRL is issued
     * @param nextUpdate when the next CRL will be issued at the latest
     * @param entries    revoked certificates; serials must be distinct
     * @throws PolicyViolationException {@link PolicyViolation#NOT_A_CA} if the issuer may not sign CRLs
     * @throws IllegalArgumentException for duplicate serials, removeFromCRL entries (delta CRLs
     *         only) or an inverted update window
     * @throws SigningException if the signer fails or does not hold the issuer's key
     */
    public static X509CRLHolder create(X509CertificateHolder issuer, ContentSigner signer, BigInteger crlNumber,
            Instant thisUpdate, Instant nextUpdate, Collection<RevokedEntry> entries) {
        CaCapabilities.requireCrlSigner(issuer);
        if (crlNumber.signum() < 0 || crlNumber.toByteArray().length > SerialNumberGenerator.MAX_SERIAL_OCTETS) {
            throw new IllegalArgumentException("cRLNumber must be non-negative and at most 20 octets (RFC 5280 §5.2.3)");
        }
        if (!PkixTime.truncate(nextUpdate).isAfter(PkixTime.truncate(thisUpdate))) {
            throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
        }
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer.getSubject(), PkixTime.toDate(thisUpdate));
        builder.setNextUpdate(PkixTime.toDate(nextUpdate));
        Set<BigInteger> serials = new HashSet<>(entries.size() * 2);
        for (RevokedEntry entry : entries) {
            if (!serials.add(entry.serial())) {
                throw new IllegalArgumentException("Serial " + entry.serial().toString(16) + " is listed twice");
            }
            if (entry.reason() == RevocationReason.REMOVE_FROM_CRL) {
                throw new IllegalArgumentException("removeFromCRL belongs in delta CRLs only (RFC 5280 §5.3.1)");
            }
            builder.addCRLEntry(entry.serial(), PkixTime.toDate(entry.revokedAt()), REASON_EXTENSIONS.get(entry.reason()));
        }
        try {
            builder.addExtension(KeyIdentifiers.authorityKeyIdentifierExtension(issuer));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
        } catch (CertIOException e) {
            throw new IllegalStateException("CRL extensions always encode", e);
        }
        X509CRLHolder crl;
        try {
            crl = builder.build(signer);
        } catch (RuntimeException e) {
            throw new SigningException("The CA signer failed while signing a CRL", e);
        }
        return SignatureCheck.requireSignedBy(crl, issuer.getSubjectPublicKeyInfo());
    }

    private static Map<RevocationReason, Extensions> reasonExtensions() {
        Map<RevocationReason, Extensions> extensions = new EnumMap<>(RevocationReason.class);
        for (RevocationReason reason : RevocationReason.values()) {
            extensions.put(reason, reason.isWrittenAsReasonCode()
                    ? new Extensions(ExtensionEncoding.nonCritical(Extension.reasonCode, new ASN1Enumerated(reason.code())))
                    : null);
        }
        return extensions;
    }
}
