package org.pumppki.ca.crypto;

/**
 * One step of a {@link CertificateProfile}: it may refuse the request (by throwing
 * {@link PolicyViolationException}), shape the certificate through the {@link CertificateTemplate},
 * or both. Rules run in the order the profile lists them, so a rule may read what earlier rules
 * put into the template.
 */
@FunctionalInterface
public interface ProfileRule {

    void apply(IssuanceRequest request, CertificateTemplate template);
}
