package org.pumppki.api.est;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The CSR attributes EST advertises (RFC 7030 §4.5.2): an EC P-256 key, what every pump stack and
 * RADIUS server here supports, signed with ECDSA and SHA-256.
 */
final class CsrAttributes {

    private static final byte[] DER = encode();

    private CsrAttributes() {
    }

    static byte[] der() {
        return DER.clone();
    }

    private static byte[] encode() {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(X9ObjectIdentifiers.ecdsa_with_SHA256);
        attributes.add(new Attribute(X9ObjectIdentifiers.id_ecPublicKey, new DERSet(SECObjectIdentifiers.secp256r1)));
        try {
            return new DERSequence(attributes).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
