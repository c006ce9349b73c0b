package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** Readable names for algorithm identifiers in messages meant for people. */
final class AlgorithmNames {

    private static final DefaultAlgorithmNameFinder FINDER = new DefaultAlgorithmNameFinder();

    private AlgorithmNames() {
    }

    /** The conventional name if Bouncy Castle knows one, otherwise the dotted OID. */
    static String of(ASN1ObjectIdentifier oid) {
        return FINDER.hasAlgorithmName(oid) ? FINDER.getAlgorithmName(oid) : oid.getId();
    }

    static String ofCurve(ASN1ObjectIdentifier oid) {
        String name = ECNamedCurveTable.getName(oid);
        return name != null ? name : oid.getId();
    }
}
