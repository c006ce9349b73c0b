package org.pumppki.ca.crypto;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * The certificate being assembled by a profile's rules. Rules add subject attributes, key usages,
 * extended key usages, subjectAltNames and other extensions; the template then signs a v3
 * certificate from them. Key usage is always critical (RFC 5280 §4.2.1.3 SHOULD); the
 * subjectAltName is critical only when the subject is empty (§4.2.1.6 MUST).
 */
public final class CertificateTemplate {

    private static final Set<ASN1ObjectIdentifier> ASSEMBLED = Set.of(
            Extension.keyUsage, Extension.extendedKeyUsage, Extension.subjectAlternativeName);

    private final X500NameBuilder subject = new X500NameBuilder();
    private Instant notBefore;
    private Instant notAfter;
    private int keyUsage;
    private final Set<KeyPurposeId> extendedKeyUsages = new LinkedHashSet<>();
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private final Map<ASN1ObjectIdentifier, Extension> extensions = new LinkedHashMap<>();

    CertificateTemplate() {
    }

    public void validity(Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** Appends a single-valued RDN; subject attributes keep the order in which rules add them. */
    public void addSubjectAttribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        subject.addRDN(type, value);
    }

    public X500Name subject() {
        return subject.build();
    }

    /** @param usage bits from {@link KeyUsage}, e.g. {@code KeyUsage.digitalSignature} */
    public void addKeyUsage(int usage) {
        keyUsage |= usage;
    }

    public void addExtendedKeyUsage(KeyPurposeId purpose) {
        extendedKeyUsages.add(purpose);
    }

    public void addSubjectAltName(GeneralName name) {
        subjectAltNames.add(name);
    }

    public List<GeneralName> subjectAltNames() {
        return List.copyOf(subjectAltNames);
    }

    /**
     * Adds an extension other than key usage, extended key usage and subjectAltName, which the
     * template assembles itself from the dedicated methods.
     *
     * @throws IllegalStateException if two rules add the same extension
     */
    public void addExtension(Extension extension) {
        ASN1ObjectIdentifier oid = extension.getExtnId();
        if (ASSEMBLED.contains(oid)) {
            throw new IllegalArgumentException("Use the dedicated template method for extension " + oid);
        }
        if (extensions.putIfAbsent(oid, extension) != null) {
            throw new IllegalStateException("Two profile rules add extension " + oid);
        }
    }

    X509CertificateHolder sign(IssuanceRequest request, ContentSigner signer) {
        if (notBefore == null) {
            throw new IllegalStateException("The profile has no rule that sets the validity");
        }
        X500Name subjectName = subject();
        RDN[] rdns = subjectName.getRDNs();
        if (rdns.length == 0 && subjectAltNames.isEmpty()) {
            throw new IllegalStateException("The profile produced neither a subject nor a subjectAltName");
        }
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                request.issuer().certificate().getSubject(), request.serial(),
                PkixTime.toDate(notBefore), PkixTime.toDate(notAfter),
                subjectName, request.subjectKey().subjectPublicKeyInfo());
        try {
            for (Extension extension : extensions.values()) {
                builder.addExtension(extension);
            }
            if (keyUsage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (!extendedKeyUsages.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new)));
            }
            if (!subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, rdns.length == 0,
                        new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("Extensions built by profile rules must encode", e);
        }
        try {
            return builder.build(signer);
        } catch (RuntimeException e) {
            throw new SigningException("The issuing CA signer failed", e);
        }
    }
}
