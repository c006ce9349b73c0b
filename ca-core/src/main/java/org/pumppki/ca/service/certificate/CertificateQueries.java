package org.pumppki.ca.service.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.CertificateSearch;
import org.pumppki.ca.store.Page;

/** Reads issued certificates. */
@ApplicationScoped
public class CertificateQueries {

    private final CertificateRepository certificates;
    private final CertificateAuthorities authorities;
    private final Clock clock;

    CertificateQueries(CertificateRepository certificates, CertificateAuthorities authorities, Clock clock) {
        this.certificates = certificates;
        this.authorities = authorities;
        this.clock = clock;
    }

    @Transactional
    public Page<Certificate> search(CertificateSearch search, int page, int size) {
        return certificates.search(search.at(clock.instant()), page, size);
    }

    /** The certificate with this serial number (hexadecimal, any case, leading zeros and colons allowed). */
    @Transactional
    public Certificate bySerial(String serial) {
        String normalized = normalizeSerial(serial);
        return certificates.findBySerial(normalized).orElseThrow(() ->
                PkiException.notFound("certificate-not-found", "No certificate with serial number " + serial + "."));
    }

    /** The certificate followed by its issuer's chain up to the root. */
    @Transactional
    public List<X509CertificateHolder> chainOf(Certificate certificate) {
        List<X509CertificateHolder> chain = new java.util.ArrayList<>();
        chain.add(Der.certificate(certificate.der));
        chain.addAll(authorities.chain(certificate.issuer));
        return chain;
    }

    static String normalizeSerial(String serial) {
        String hex = serial == null ? "" : serial.trim().toLowerCase(Locale.ROOT).replace(":", "");
        if (!hex.matches("[0-9a-f]{1,64}")) {
            throw PkiException.invalidInput("invalid-serial", "'" + serial + "' is not a hexadecimal serial number.");
        }
        String stripped = hex.replaceFirst("^0+(?=.)", "");
        return stripped;
    }
}
