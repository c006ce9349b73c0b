package org.pumppki.ca.crypto;

/** For profiles whose certificates carry no subjectAltName: a request that asks for one is refused. */
record NoAltNamesRequested() implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        request.requestedNames().untrustedAltNames().stream().findFirst().ifPresent(name -> {
            throw new PolicyViolationException(PolicyViolation.NAME_NOT_ALLOWED,
                    "The request asks for " + RequestedNames.describe(name) + "; this profile issues no alternative names");
        });
    }
}
