package org.pumppki.ca.service.certificate;

import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.store.Certificate;

/** A certificate committed to the database, with the chain of its issuer up to the root. */
public record IssuedCertificate(Certificate record, X509CertificateHolder certificate, List<X509CertificateHolder> chain) {
}
