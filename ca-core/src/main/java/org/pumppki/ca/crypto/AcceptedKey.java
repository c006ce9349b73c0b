package org.pumppki.ca.crypto;

import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A subject public key that has passed the {@link KeyPolicy}. Only the policy creates instances,
 * so code that holds one knows the check was made.
 */
public final class AcceptedKey {

    private final SubjectPublicKeyInfo subjectPublicKeyInfo;
    private final KeyFamily family;
    private final int sizeInBits;
    private final String description;

    AcceptedKey(SubjectPublicKeyInfo subjectPublicKeyInfo, KeyFamily family, int sizeInBits, String description) {
        this.subjectPublicKeyInfo = Objects.requireNonNull(subjectPublicKeyInfo, "subjectPublicKeyInfo");
        this.family = Objects.requireNonNull(family, "family");
        this.sizeInBits = sizeInBits;
        this.description = Objects.requireNonNull(description, "description");
    }

    public SubjectPublicKeyInfo subjectPublicKeyInfo() {
        return subjectPublicKeyInfo;
    }

    public KeyFamily family() {
        return family;
    }

    /** Modulus size for RSA, field size for EC and EdDSA. */
    public int sizeInBits() {
        return sizeInBits;
    }

    /** Human-readable form such as {@code RSA 3072} or {@code EC P-256}. */
    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AcceptedKey key && key.subjectPublicKeyInfo.equals(subjectPublicKeyInfo);
    }

    @Override
    public int hashCode() {
        return subjectPublicKeyInfo.hashCode();
    }

    @Override
    public String toString() {
        return description;
    }
}
