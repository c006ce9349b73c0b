package org.pumppki.ca.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Decides which subject public keys PumpPKI certifies: RSA from 2048 to 16384 bits with an odd
 * public exponent from 3 to below 2^256, ECDSA on the named curves P-256 and P-384 only, and Ed25519. Everything else,
 * including explicit EC domain parameters, is refused with a message that names what was found.
 *
 * <p>The policy works on the encoded {@link SubjectPublicKeyInfo} rather than a JCA key so that it
 * sees exactly what will be copied into the certificate, and so that a key a JCA provider would
 * quietly normalise (explicit parameters for a named curve, say) is still refused.
 */
public final class KeyPolicy {

    /** The smallest RSA modulus any PumpPKI policy may accept (NIST SP 800-131A). */
    public static final int MIN_RSA_BITS = 2048;
    /** Above this, RSA keys only slow down signature verification on the pumps. */
    public static final int MAX_RSA_BITS = 16384;

    /** RSA public exponents must be below 2^256 (NIST SP 800-89, 5.3.3). */
    static final BigInteger MAX_RSA_EXPONENT = BigInteger.ONE.shiftLeft(256);

    /** The policy for end-entity keys: RSA from 2048 bits, P-256, P-384, Ed25519. */
    public static final KeyPolicy DEFAULT = new KeyPolicy(MIN_RSA_BITS);

    private static final Map<ASN1ObjectIdentifier, String> ALLOWED_CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384");
    private static final int ED25519_KEY_LENGTH = 32;
    private static final byte UNCOMPRESSED_POINT = 0x04;

    private final int minRsaBits;

    /**
     * @param minRsaBits smallest RSA modulus accepted; at least {@value #MIN_RSA_BITS}
     */
    public KeyPolicy(int minRsaBits) {
        if (minRsaBits < MIN_RSA_BITS || minRsaBits > MAX_RSA_BITS) {
            throw new IllegalArgumentException("Minimum RSA size must be between " + MIN_RSA_BITS
                    + " and " + MAX_RSA_BITS + " bits, got " + minRsaBits);
        }
        this.minRsaBits = minRsaBits;
    }

    /**
     * Checks a subject public key.
     *
     * @throws PolicyViolationException {@link PolicyViolation#WEAK_KEY} or
     *         {@link PolicyViolation#KEY_NOT_ALLOWED} when the key is refused
     * @throws MalformedInputException when the key encoding is broken
     */
    public AcceptedKey check(SubjectPublicKeyInfo key) {
        Objects.requireNonNull(key, "key");
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return checkRsa(key);
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            return checkEc(key);
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return checkEd25519(key);
        }
        throw new PolicyViolationException(PolicyViolation.KEY_NOT_ALLOWED, "Public key algorithm "
                + AlgorithmNames.of(algorithm) + " is not allowed; use RSA (2048+ bits), EC P-256, EC P-384 or Ed25519");
    }

    private AcceptedKey checkRsa(SubjectPublicKeyInfo key) {
        ASN1Encodable parameters = key.getAlgorithm().getParameters();
        if (parameters != null && !DERNull.INSTANCE.equals(parameters)) {
            throw new MalformedInputException("RSA public key carries unexpected algorithm parameters");
        }
        RSAPublicKey rsa;
        try {
            rsa = RSAPublicKey.getInstance(key.parsePublicKey());
        } catch (IOException | RuntimeException e) {
            throw new MalformedInputException("RSA public key is not a valid RSAPublicKey structure", e);
        }
        BigInteger modulus = rsa.getModulus();
        BigInteger exponent = rsa.getPublicExponent();
        int bits = modulus.bitLength();
        if (modulus.signum() <= 0 || !modulus.testBit(0)) {
            throw new MalformedInputException("RSA modulus must be a positive odd number");
        }
        if (bits < minRsaBits) {
            throw new PolicyViolationException(PolicyViolation.WEAK_KEY,
                    "RSA key of " + bits + " bits is too short; at least " + minRsaBits + " bits are required");
        }
        if (bits > MAX_RSA_BITS) {
            throw new PolicyViolationException(PolicyViolation.KEY_NOT_ALLOWED,
                    "RSA key of " + bits + " bits is larger than the " + MAX_RSA_BITS + "-bit maximum");
        }
        // An even or tiny exponent is either invalid or a sign of a broken key generator; a huge one
        // (NIST SP 800-89: e < 2^256) makes every verification slow and hides a key built by hand.
        if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0) || exponent.compareTo(modulus) >= 0) {
            throw new PolicyViolationException(PolicyViolation.WEAK_KEY, "RSA public exponent " + exponent + " is not allowed");
        }
        if (exponent.compareTo(MAX_RSA_EXPONENT) >= 0) {
            throw new PolicyViolationException(PolicyViolation.WEAK_KEY, "RSA public exponent of "
                    + exponent.bitLength() + " bits is not allowed; it must be below 2^256 (65537 is usual)");
        }
        return new AcceptedKey(key, KeyFamily.RSA, bits, "RSA " + bits);
    }

    private static AcceptedKey checkEc(SubjectPublicKeyInfo key) {
        ASN1Encodable parameters = key.getAlgorithm().getParameters();
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            throw new PolicyViolationException(PolicyViolation.KEY_NOT_ALLOWED,
                    "EC keys must name their curve (RFC 5480); explicit or implicit curve parameters are not allowed");
        }
        String curveName = ALLOWED_CURVES.get(curve);
        if (curveName == null) {
            throw new PolicyViolationException(PolicyViolation.KEY_NOT_ALLOWED,
                    "EC curve " + AlgorithmNames.ofCurve(curve) + " is not allowed; use P-256 or P-384");
        }
        X9ECParameters domain = ECNamedCurveTable.getByOID(curve);
        if (key.getPublicKeyData().getPadBits() != 0) {
            throw new MalformedInputException("EC public key is not a whole number of octets");
        }
        byte[] encodedPoint = key.getPublicKeyData().getOctets();
        // RFC 5480 only obliges peers to read uncompressed points; FreeRADIUS and ISE builds vary.
        if (encodedPoint.length == 0 || encodedPoint[0] != UNCOMPRESSED_POINT) {
            throw new MalformedInputException("EC public key must use the uncompressed point encoding");
        }
        try {
            ECPoint point = domain.getCurve().decodePoint(encodedPoint);
            if (point.isInfinity() || !point.isValid()) {
                throw new MalformedInputException("EC public key is not a valid point on " + curveName);
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("EC public key is not a valid point on " + curveName, e);
        }
        return new AcceptedKey(key, KeyFamily.EC, domain.getCurve().getFieldSize(), "EC " + curveName);
    }

    private static AcceptedKey checkEd25519(SubjectPublicKeyInfo key) {
        if (key.getAlgorithm().getParameters() != null) {
            throw new MalformedInputException("Ed25519 public key must not carry algorithm parameters (RFC 8410)");
        }
        if (key.getPublicKeyData().getPadBits() != 0 || key.getPublicKeyData().getOctets().length != ED25519_KEY_LENGTH) {
            throw new MalformedInputException("Ed25519 public key must be exactly 32 octets");
        }
        return new AcceptedKey(key, KeyFamily.ED25519, 255, "Ed25519");
    }
}
