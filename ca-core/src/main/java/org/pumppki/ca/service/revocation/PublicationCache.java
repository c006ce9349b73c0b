package org.pumppki.ca.service.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CrlRecord;

/**
 * The current CRL and the certificate of each CA, in memory, for the public URLs: relying parties
 * fetch them far more often than they change, and each fetch used to cost a transaction and a
 * database round trip. A copy is kept with the version of the {@link OcspStatusIndex} it was read
 * at and served while that version holds and the CRL is younger than half its life; any status
 * change, committed here or announced by another replica the way the index learns of it, moves the
 * version on, so the next fetch reads the database again (and publishes a new CRL if the change made
 * the old one stale). While the database is unreachable the last copy keeps being served until the
 * CRL's nextUpdate.
 */
@ApplicationScoped
public class PublicationCache {

    /** A CRL as served: its DER and validity. */
    public record PublishedCrl(byte[] der, Instant thisUpdate, Instant nextUpdate) {
    }

    private record Copy<T>(long version, T value) {
    }

    private static final Logger LOG = Logger.getLogger(PublicationCache.class);

    private final CrlPublisher publisher;
    private final CertificateAuthorities authorities;
    private final OcspStatusIndex index;
    private final Clock clock;
    private final Map<String, Copy<PublishedCrl>> crls = new ConcurrentHashMap<>();
    private final Map<String, Copy<byte[]>> caCertificates = new ConcurrentHashMap<>();

    PublicationCache(CrlPublisher publisher, CertificateAuthorities authorities, OcspStatusIndex index, Clock clock) {
        this.publisher = publisher;
        this.authorities = authorities;
        this.index = index;
        this.clock = clock;
    }

    /** The named CA's CRL if the copy in memory is current: answered without the database or blocking. */
    public Optional<PublishedCrl> currentCrl(String caName) {
        Copy<PublishedCrl> copy = crls.get(caName);
        return copy != null && copy.version() == index.version() && clock.instant().isBefore(halfLife(copy.value()))
                ? Optional.of(copy.value()) : Optional.empty();
    }

    /** The named CA's certificate if the copy in memory is current: answered without the database or blocking. */
    public Optional<byte[]> currentCaCertificate(String caName) {
        Copy<byte[]> copy = caCertificates.get(caName);
        return copy != null && copy.version() == index.version() ? Optional.of(copy.value()) : Optional.empty();
    }

    /** The named CA's current CRL; unknown names are a not-found {@link PkiException}. */
    public PublishedCrl crl(String caName) {
        Optional<PublishedCrl> current = currentCrl(caName);
        if (current.isPresent()) {
            return current.get();
        }
        Instant now = clock.instant();
        Copy<PublishedCrl> copy = crls.get(caName);
        // Read before the database: a change committed meanwhile leaves this copy behind the index.
        long version = index.version();
        try {
            CrlRecord record = publisher.current(caName);
            PublishedCrl fresh = new PublishedCrl(record.der, record.thisUpdate, record.nextUpdate);
            crls.put(caName, new Copy<>(version, fresh));
            return fresh;
        } catch (PkiException e) {
            crls.remove(caName);
            throw e;
        } catch (RuntimeException e) {
            if (copy != null && now.isBefore(copy.value().nextUpdate())) {
                LOG.warnf("Serving the last CRL of %s from memory: %s", caName, e.getMessage());
                return copy.value();
            }
            throw e;
        }
    }

    /** The named CA's certificate (DER); null while the CA has none yet (pending); unknown names are a not-found {@link PkiException}. */
    public byte[] caCertificate(String caName) {
        Optional<byte[]> current = currentCaCertificate(caName);
        if (current.isPresent()) {
            return current.get();
        }
        Copy<byte[]> copy = caCertificates.get(caName);
        long version = index.version();
        try {
            CertificateAuthorityRecord ca = authorities.byName(caName);
            if (ca.certificate == null) {
                caCertificates.remove(caName);
                return null;
            }
            caCertificates.put(caName, new Copy<>(version, ca.certificate));
            return ca.certificate;
        } catch (PkiException e) {
            caCertificates.remove(caName);
            throw e;
        } catch (RuntimeException e) {
            if (copy != null) {
                LOG.warnf("Serving the certificate of %s from memory: %s", caName, e.getMessage());
                return copy.value();
            }
            throw e;
        }
    }

    private static Instant halfLife(PublishedCrl crl) {
        return crl.thisUpdate().plus(Duration.between(crl.thisUpdate(), crl.nextUpdate()).dividedBy(2));
    }
}
