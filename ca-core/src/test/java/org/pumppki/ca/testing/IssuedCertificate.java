package org.pumppki.ca.testing;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** Reads what a test needs out of an issued certificate. */
public record IssuedCertificate(X509CertificateHolder holder) {

    public static IssuedCertificate of(X509CertificateHolder holder) {
        return new IssuedCertificate(holder);
    }

    public Extension extension(ASN1ObjectIdentifier oid) {
        return holder.getExtension(oid);
    }

    public Set<KeyPurposeId> extendedKeyUsages() {
        return Set.of(ExtendedKeyUsage.fromExtensions(holder.getExtensions()).getUsages());
    }

    public KeyUsage keyUsage() {
        return KeyUsage.fromExtensions(holder.getExtensions());
    }

    public BasicConstraints basicConstraints() {
        return BasicConstraints.fromExtensions(holder.getExtensions());
    }

    public List<GeneralName> subjectAltNames() {
        GeneralNames names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
        return names == null ? List.of() : Arrays.asList(names.getNames());
    }

    public String subjectValue(ASN1ObjectIdentifier type) {
        return Arrays.stream(holder.getSubject().getRDNs(type))
                .map(rdn -> IETFUtils.valueToString(rdn.getFirst().getValue()))
                .findFirst().orElse(null);
    }

    public String commonName() {
        return subjectValue(BCStyle.CN);
    }

    public byte[] subjectKeyIdentifier() {
        return SubjectKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier();
    }

    public byte[] authorityKeyIdentifier() {
        return AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifierOctets();
    }

    public AuthorityInformationAccess authorityInformationAccess() {
        return AuthorityInformationAccess.fromExtensions(holder.getExtensions());
    }

    public CRLDistPoint crlDistributionPoints() {
        Extension extension = extension(Extension.cRLDistributionPoints);
        return extension == null ? null : CRLDistPoint.getInstance(extension.getParsedValue());
    }

    public Instant notBefore() {
        return holder.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return holder.getNotAfter().toInstant();
    }

    /** Validates the certificate with the JDK's PKIX implementation, as a Java peer would. */
    public void validatesWithJdkPkix(List<X509CertificateHolder> intermediates, X509CertificateHolder anchor, Instant at)
            throws Exception {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> path = new ArrayList<>();
        path.add(converter.getCertificate(holder));
        for (X509CertificateHolder intermediate : intermediates) {
            path.add(converter.getCertificate(intermediate));
        }
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(converter.getCertificate(anchor), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }
}
