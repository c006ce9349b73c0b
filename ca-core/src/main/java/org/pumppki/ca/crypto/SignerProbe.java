package org.pumppki.ca.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks that a signer belongs to a public key by signing a fixed message and verifying it. Used
 * where a mismatch would otherwise surface late: a responder signer at start-up, a private key
 * before it is exported.
 */
final class SignerProbe {

    private static final byte[] PROBE = "PumpPKI key check".getBytes(StandardCharsets.US_ASCII);

    private SignerProbe() {
    }

    /** False if the signature does not verify or the signer fails. */
    static boolean signsFor(ContentSigner signer, SubjectPublicKeyInfo key) {
        try {
            byte[] signature;
            synchronized (signer) {
                try (OutputStream out = signer.getOutputStream()) {
                    out.write(PROBE);
                }
                signature = signer.getSignature();
            }
            ContentVerifier verifier = SignatureCheck.verifierFor(key).get(signer.getAlgorithmIdentifier());
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(PROBE);
            }
            return verifier.verify(signature);
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }
}
