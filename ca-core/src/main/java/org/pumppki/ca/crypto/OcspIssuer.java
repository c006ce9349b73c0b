package org.pumppki.ca.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One CA the OCSP responder answers for: the CA certificate, the delegated responder certificate
 * (RFC 6960 §4.2.2.2) with any certificates to send along, and the responder's signer.
 *
 * <p>The CertID hashes of the CA (name and key, for each {@link CertIdHash}) and the byKey
 * ResponderID are computed once here. The constructor also checks the configuration, so a wrong
 * certificate or signer fails at start-up rather than on every request: the responder certificate
 * must be the CA itself or be issued by it with id-kp-OCSPSigning, and the signer must produce
 * signatures that verify with the responder certificate's key.
 *
 * <p>A {@link ContentSigner} is not thread-safe. Given a source of signers, an issuer keeps the
 * ones it made and lends each to one signature at a time, so as many responses are signed at once
 * as there are threads signing; given a single signer, signing is serialised.
 */
public final class OcspIssuer {

    private final String id;
    private final X509CertificateHolder issuerCertificate;
    private final X509CertificateHolder[] responderChain;
    private final Supplier<ContentSigner> signerSource;
    private final Queue<ContentSigner> idleSigners = new ConcurrentLinkedQueue<>();
    private final ContentSigner onlySigner;
    private final RespID responderId;
    private final Map<CertIdHash, IssuerHashes> certIdHashes = new EnumMap<>(CertIdHash.class);

    /** issuerNameHash and issuerKeyHash of this CA under one hash algorithm (RFC 6960 §4.1.1). */
    private record IssuerHashes(byte[] nameHash, byte[] keyHash) {
    }

    /**
     * An issuer that signs with one signer, one response at a time.
     *
     * @param id                a stable identifier the {@link CertificateStatusLookup} understands,
     *                          e.g. the CA's database key
     * @param issuerCertificate the CA certificate whose certificates are answered for
     * @param responderChain    the responder certificate first, then anything else to include
     * @param responderSigner   signer for the responder certificate's private key
     * @throws IllegalArgumentException if the responder is not authorised by the CA or the signer
     *         does not match it
     */
    public OcspIssuer(String id, X509CertificateHolder issuerCertificate, List<X509CertificateHolder> responderChain,
            ContentSigner responderSigner) {
        this(id, issuerCertificate, responderChain, null, Objects.requireNonNull(responderSigner, "responderSigner"));
    }

    /**
     * An issuer that signs responses in parallel, with signers from {@code signerSource} (each
     * call a new signer for the responder certificate's private key; one is made per thread
     * signing at the same time and kept for the next responses).
     *
     * @throws IllegalArgumentException if the responder is not authorised by the CA or the signers
     *         do not match it
     */
    public OcspIssuer(String id, X509CertificateHolder issuerCertificate, List<X509CertificateHolder> responderChain,
            Supplier<ContentSigner> signerSource) {
        this(id, issuerCertificate, responderChain, Objects.requireNonNull(signerSource, "signerSource"), null);
    }

    private OcspIssuer(String id, X509CertificateHolder issuerCertificate, List<X509CertificateHolder> responderChain,
            Supplier<ContentSigner> signerSource, ContentSigner onlySigner) {
        this.id = Objects.requireNonNull(id, "id");
        this.issuerCertificate = Objects.requireNonNull(issuerCertificate, "issuerCertificate");
        if (responderChain.isEmpty()) {
            throw new IllegalArgumentException("The responder chain must start with the responder certificate");
        }
        this.responderChain = responderChain.toArray(X509CertificateHolder[]::new);
        this.signerSource = signerSource;
        this.onlySigner = onlySigner;
        requireAuthorisedResponder(issuerCertificate, this.responderChain[0]);
        ContentSigner first = onlySigner != null ? onlySigner : signerSource.get();
        requireSignerMatches(first, this.responderChain[0]);
        if (signerSource != null) {
            idleSigners.add(first);
        }
        try {
            this.responderId = new RespID(this.responderChain[0].getSubjectPublicKeyInfo(),
                    new JcaDigestCalculatorProviderBuilder().build().get(RespID.HASH_SHA1));
        } catch (OperatorCreationException | OCSPException e) {
            throw new IllegalStateException("Every Java platform provides SHA-1 for ResponderID byKey", e);
        }
        byte[] name = encoded(issuerCertificate);
        byte[] key = issuerCertificate.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        for (CertIdHash hash : CertIdHash.values()) {
            certIdHashes.put(hash, new IssuerHashes(hash.digest(name), hash.digest(key)));
        }
    }

    public String id() {
        return id;
    }

    public X509CertificateHolder issuerCertificate() {
        return issuerCertificate;
    }

    public X509CertificateHolder responderCertificate() {
        return responderChain[0];
    }

    /** Whether {@code certId} names this CA: issuerNameHash and issuerKeyHash both match. */
    boolean issued(CertID certId) {
        return CertIdHash.of(certId.getHashAlgorithm().getAlgorithm())
                .map(hash -> matches(hash, certId))
                .orElse(false);
    }

    /** This CA's CertID for {@code serial}, with the hash algorithm encoded exactly as given. */
    CertID certIdFor(BigInteger serial, AlgorithmIdentifier hashAlgorithm) {
        IssuerHashes hashes = certIdHashes.get(CertIdHash.of(hashAlgorithm.getAlgorithm()).orElseThrow());
        return new CertID(hashAlgorithm, new DEROctetString(hashes.nameHash()), new DEROctetString(hashes.keyHash()),
                new ASN1Integer(serial));
    }

    RespID responderId() {
        return responderId;
    }

    BasicOCSPResp sign(BasicOCSPRespBuilder builder, Date producedAt) throws OCSPException {
        if (onlySigner != null) {
            synchronized (onlySigner) {
                return builder.build(onlySigner, responderChain, producedAt);
            }
        }
        ContentSigner signer = idleSigners.poll();
        if (signer == null) {
            signer = signerSource.get();
        }
        // A signer that failed half-way may hold part of a message: it is dropped, not lent again.
        BasicOCSPResp signed = builder.build(signer, responderChain, producedAt);
        idleSigners.add(signer);
        return signed;
    }

    private boolean matches(CertIdHash hash, CertID certId) {
        IssuerHashes hashes = certIdHashes.get(hash);
        return Arrays.equals(hashes.nameHash(), certId.getIssuerNameHash().getOctets())
                && Arrays.equals(hashes.keyHash(), certId.getIssuerKeyHash().getOctets());
    }

    private static void requireAuthorisedResponder(X509CertificateHolder issuer, X509CertificateHolder responder) {
        if (responder.equals(issuer)) {
            return;
        }
        ExtendedKeyUsage usages = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        if (!responder.getIssuer().equals(issuer.getSubject())
                || !SignatureCheck.verifies(responder, issuer.getSubjectPublicKeyInfo())
                || usages == null || !usages.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
            throw new IllegalArgumentException("The responder certificate " + responder.getSubject()
                    + " is not an OCSP signing certificate issued by " + issuer.getSubject());
        }
    }

    private static void requireSignerMatches(ContentSigner signer, X509CertificateHolder responder) {
        if (!SignerProbe.signsFor(signer, responder.getSubjectPublicKeyInfo())) {
            throw new IllegalArgumentException("The responder signer does not sign for the key of " + responder.getSubject());
        }
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getSubject().getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("A parsed name always re-encodes", e);
        }
    }
}
