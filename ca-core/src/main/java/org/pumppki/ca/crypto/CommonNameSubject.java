package org.pumppki.ca.crypto;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The subject CN of server and responder certificates: the registered display name, or, when
 * {@code hostnameFallback} is set and there is none, the first subjectAltName an earlier rule
 * chose. A requested CN must be that display name or one of the registered host names; anything
 * else is refused, so the subject never names something we did not register.
 */
record CommonNameSubject(boolean hostnameFallback) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        TrustedIdentity identity = request.identity();
        String commonName = identity.commonName().orElseGet(() -> fallback(template));
        Set<String> allowed = new HashSet<>();
        allowed.add(commonName);
        if (hostnameFallback) {
            allowed.addAll(identity.dnsNames());
        }
        for (String requested : request.requestedNames().untrustedCommonNames()) {
            String canonical = TrustedIdentity.canonicalDnsName(requested);
            if (!allowed.contains(requested) && (canonical == null || !allowed.contains(canonical))) {
                throw new PolicyViolationException(PolicyViolation.NAME_NOT_ALLOWED,
                        "The request asks for CN '" + requested + "', which is not registered for this subject");
            }
        }
        if (commonName.length() > CommonNameTemplate.MAX_LENGTH) {
            throw new PolicyViolationException(PolicyViolation.NAME_NOT_ALLOWED,
                    "The common name '" + commonName + "' is longer than " + CommonNameTemplate.MAX_LENGTH + " characters");
        }
        template.addSubjectAttribute(BCStyle.CN, new DERUTF8String(commonName));
    }

    private String fallback(CertificateTemplate template) {
        List<GeneralName> altNames = template.subjectAltNames();
        if (!hostnameFallback || altNames.isEmpty()) {
            throw new PolicyViolationException(PolicyViolation.IDENTITY_INCOMPLETE, "The record has no common name");
        }
        GeneralName first = altNames.get(0);
        return first.getTagNo() == GeneralName.dNSName
                ? RequestedNames.stringOf(first)
                : RequestedNames.addressOf(first).getHostAddress();
    }
}
