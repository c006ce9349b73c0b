package org.pumppki.ca.service.est;

import java.util.Optional;

/**
 * What one EST label stands for: the certificate profile and issuing CA its enrollments use (empty =
 * the device kind's profile and the default issuing CA), and its name, recorded with each enrollment.
 */
public record EstPolicy(Optional<String> label, Optional<String> profile, Optional<String> caName) {
}
