package org.pumppki.ca.service.est;

import org.pumppki.ca.service.certificate.IssuedCertificate;
import org.pumppki.ca.store.Device;

/** What an EST enrollment led to: a committed certificate, or a device that waits for approval. */
public sealed interface EstOutcome {

    record Issued(IssuedCertificate certificate) implements EstOutcome {
    }

    /** RFC 7030 §4.2.3: the client asks again after {@code retryAfterSeconds}. */
    record Pending(Device device, int retryAfterSeconds) implements EstOutcome {
    }
}
