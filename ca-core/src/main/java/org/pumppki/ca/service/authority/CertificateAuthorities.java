package org.pumppki.ca.service.authority;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.IssuingCa;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRepository;

/** Reads the CA hierarchy and gives the issuance paths what they need of a CA. */
@ApplicationScoped
public class CertificateAuthorities {

    private final CertificateAuthorityRepository repository;
    private final CaKeys keys;
    private final PublicUrls urls;

    CertificateAuthorities(CertificateAuthorityRepository repository, CaKeys keys, PublicUrls urls) {
        this.repository = repository;
        this.keys = keys;
        this.urls = urls;
    }

    @Transactional
    public List<CertificateAuthorityRecord> list() {
        return repository.listOrdered();
    }

    @Transactional
    public CertificateAuthorityRecord get(long id) {
        return repository.findByIdOptional(id)
                .orElseThrow(() -> PkiException.notFound("ca-not-found", "No certificate authority with id " + id + "."));
    }

    @Transactional
    public CertificateAuthorityRecord byName(String name) {
        return repository.findByName(name)
                .orElseThrow(() -> PkiException.notFound("ca-not-found", "No certificate authority named '" + name + "'."));
    }

    /** The issuing CA new certificates come from unless a caller names another. */
    @Transactional
    public CertificateAuthorityRecord defaultIssuing() {
        return repository.findDefault().orElseThrow(() -> PkiException.conflict("no-issuing-ca",
                "No active issuing CA is set as default; create or import one first."));
    }

    /** Whether an active issuing CA is set as default, so that certificates can be issued. */
    @Transactional
    public boolean hasDefaultIssuing() {
        return repository.findDefault().isPresent();
    }

    /** The chain of the named issuing CA (empty = the default one), for EST {@code cacerts}. */
    @Transactional
    public List<X509CertificateHolder> issuingChain(Optional<String> caName) {
        return chain(caName.map(this::byName).orElseGet(this::defaultIssuing));
    }

    /** The CA's certificate followed by its parents' up to the root. */
    @Transactional
    public List<X509CertificateHolder> chain(CertificateAuthorityRecord ca) {
        if (ca.certificate == null) {
            throw PkiException.conflict("ca-pending", "The CA '" + ca.name + "' has no certificate yet.");
        }
        List<X509CertificateHolder> chain = new ArrayList<>();
        for (CertificateAuthorityRecord current = ca; current != null; current = current.parent) {
            chain.add(Der.certificate(current.certificate));
        }
        return chain;
    }

    /** What a profile needs to issue under this CA. */
    public IssuingCa issuingCa(CertificateAuthorityRecord ca) {
        requireActiveIssuing(ca);
        return new IssuingCa(Der.certificate(ca.certificate), urls.forCa(ca.name));
    }

    /**
     * What the delegated OCSP responder of a CA is issued under: any CA whose status relying
     * parties still ask about, roots included. Responders carry no publication URLs.
     */
    public IssuingCa responderIssuer(CertificateAuthorityRecord ca) {
        if (!ca.publishesStatus()) {
            throw PkiException.conflict("ca-not-publishing", "The CA '" + ca.name + "' publishes no revocation status.");
        }
        return new IssuingCa(Der.certificate(ca.certificate), urls.forCa(ca.name));
    }

    public ContentSigner signer(CertificateAuthorityRecord ca) {
        if (ca.key == null) {
            throw PkiException.conflict("ca-without-key", "PumpPKI does not hold the key of '" + ca.name + "'.");
        }
        return keys.signer(ca.key);
    }

    static void requireActiveIssuing(CertificateAuthorityRecord ca) {
        if (ca.role != CertificateAuthorityRecord.Role.ISSUING || ca.status != CertificateAuthorityRecord.Status.ACTIVE
                || ca.key == null) {
            throw PkiException.conflict("ca-not-issuing", "The CA '" + ca.name + "' is not an active issuing CA.");
        }
    }
}
