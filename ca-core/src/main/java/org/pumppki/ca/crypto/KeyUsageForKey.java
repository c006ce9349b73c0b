package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * digitalSignature for every key; keyEncipherment as well for RSA keys when the profile allows it,
 * because TLS 1.2 RSA key exchange (still offered by some pump and RADIUS stacks) encrypts to the
 * certificate key. EC and Ed25519 keys cannot encrypt, so they never get it.
 */
record KeyUsageForKey(boolean keyEnciphermentForRsa) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        template.addKeyUsage(KeyUsage.digitalSignature);
        if (keyEnciphermentForRsa && request.subjectKey().family().supportsKeyEncipherment()) {
            template.addKeyUsage(KeyUsage.keyEncipherment);
        }
    }
}
