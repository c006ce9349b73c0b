package org.pumppki.ca.service.revocation;

import java.time.Instant;

/**
 * The CRL a CA currently serves, each time it is looked up (a fetch or the periodic refresh): lets
 * monitoring tell how close the CRL relying parties hold is to its nextUpdate.
 *
 * @param caName the CA's name, as in {@code /crl/{caName}.crl}
 * @param crlNumber the CRL's cRLNumber
 * @param nextUpdate the CRL's nextUpdate
 */
public record CrlServed(String caName, long crlNumber, Instant nextUpdate) {
}
