package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAKey;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.testing.TestKeys;

class KeyPolicyTest {

    @ParameterizedTest
    @CsvSource({"EC_P256_SHA256, EC", "EC_P384_SHA384, EC", "RSA_2048_SHA256, RSA", "RSA_3072_SHA256, RSA",
            "RSA_4096_SHA256, RSA", "ED25519, ED25519"})
    void acceptsEveryPresetKey(AlgorithmPreset preset, KeyFamily family) {
        AcceptedKey key = KeyPolicy.DEFAULT.check(spki(TestKeys.of(preset, "policy")));

        assertEquals(family, key.family());
        assertEquals(spki(TestKeys.of(preset, "policy")), key.subjectPublicKeyInfo());
    }

    @ParameterizedTest
    @CsvSource({"EC_P256_SHA256, EC P-256", "EC_P384_SHA384, EC P-384", "RSA_3072_SHA256, RSA 3072", "ED25519, Ed25519"})
    void describesAcceptedKeys(AlgorithmPreset preset, String description) {
        assertEquals(description, KeyPolicy.DEFAULT.check(spki(TestKeys.of(preset, "policy"))).description());
    }

    @Test
    void refusesRsa1024AsWeak() {
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> KeyPolicy.DEFAULT.check(spki(TestKeys.rsa1024())));

        assertEquals(PolicyViolation.WEAK_KEY, e.violation());
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp521r1", "secp256k1", "brainpoolP256r1"})
    void refusesCurvesOutsideThePolicy(String curve) {
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> KeyPolicy.DEFAULT.check(spki(TestKeys.ecOn(curve))));

        assertEquals(PolicyViolation.KEY_NOT_ALLOWED, e.violation());
        assertTrue(e.getMessage().contains(curve), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"Ed448, 0", "DSA, 2048"})
    void refusesOtherAlgorithms(String algorithm, int size) {
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> KeyPolicy.DEFAULT.check(spki(TestKeys.generate(algorithm, size))));

        assertEquals(PolicyViolation.KEY_NOT_ALLOWED, e.violation());
    }

    @Test
    void refusesExplicitCurveParametersEvenForP256() {
        SubjectPublicKeyInfo named = spki(TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "policy"));
        SubjectPublicKeyInfo explicit = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1)),
                named.getPublicKeyData().getBytes());

        assertEquals(PolicyViolation.KEY_NOT_ALLOWED,
                assertThrows(PolicyViolationException.class, () -> KeyPolicy.DEFAULT.check(explicit)).violation());
    }

    @Test
    void refusesAPointThatIsNotOnTheCurve() {
        byte[] point = spki(TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "policy")).getPublicKeyData().getBytes();
        point[point.length - 1] ^= 1;
        SubjectPublicKeyInfo broken = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1), point);

        assertThrows(MalformedInputException.class, () -> KeyPolicy.DEFAULT.check(broken));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 65536})
    void refusesUnsafeRsaExponents(int exponent) throws Exception {
        RSAKey real = (RSAKey) TestKeys.of(AlgorithmPreset.RSA_2048_SHA256, "policy").getPublic();
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(real.getModulus(), BigInteger.valueOf(exponent)));

        assertEquals(PolicyViolation.WEAK_KEY,
                assertThrows(PolicyViolationException.class, () -> KeyPolicy.DEFAULT.check(key)).violation());
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 257, 1024, 2040})
    void refusesRsaExponentsOfTwoToThe256AndAbove(int bits) throws Exception {
        RSAKey real = (RSAKey) TestKeys.of(AlgorithmPreset.RSA_2048_SHA256, "policy").getPublic();
        BigInteger exponent = BigInteger.ONE.shiftLeft(bits).add(bits == 256 ? BigInteger.ONE : BigInteger.valueOf(3));
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(real.getModulus(), exponent));

        assertEquals(PolicyViolation.WEAK_KEY,
                assertThrows(PolicyViolationException.class, () -> KeyPolicy.DEFAULT.check(key)).violation());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 65537})
    void acceptsSmallOddRsaExponents(int exponent) throws Exception {
        RSAKey real = (RSAKey) TestKeys.of(AlgorithmPreset.RSA_2048_SHA256, "policy").getPublic();
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(real.getModulus(), BigInteger.valueOf(exponent)));

        assertEquals(KeyFamily.RSA, KeyPolicy.DEFAULT.check(key).family());
    }

    @Test
    void refusesRsaAboveTheMaximum() throws Exception {
        BigInteger modulus = BigInteger.ONE.shiftLeft(KeyPolicy.MAX_RSA_BITS + 8).add(BigInteger.ONE);
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(modulus, BigInteger.valueOf(65537)));

        assertEquals(PolicyViolation.KEY_NOT_ALLOWED,
                assertThrows(PolicyViolationException.class, () -> KeyPolicy.DEFAULT.check(key)).violation());
    }

    @Test
    void aStricterPolicyRefusesRsa2048() {
        KeyPolicy strict = new KeyPolicy(3072);

        assertEquals(PolicyViolation.WEAK_KEY, assertThrows(PolicyViolationException.class,
                () -> strict.check(spki(TestKeys.of(AlgorithmPreset.RSA_2048_SHA256, "policy")))).violation());
    }

    @Test
    void aPolicyBelow2048BitsCannotBeConfigured() {
        assertThrows(IllegalArgumentException.class, () -> new KeyPolicy(1024));
    }

    @Test
    void refusesAnEd25519KeyOfTheWrongLength() {
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new byte[31]);

        assertThrows(MalformedInputException.class, () -> KeyPolicy.DEFAULT.check(key));
    }

    @Test
    void refusesGarbageInsideAnRsaKey() throws Exception {
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new DEROctetString(new byte[] {1, 2, 3}).getEncoded());

        assertThrows(MalformedInputException.class, () -> KeyPolicy.DEFAULT.check(key));
    }

    static SubjectPublicKeyInfo spki(KeyPair keyPair) {
        return SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
    }
}
