package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.testing.TestKeys;

class AlgorithmPresetTest {

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void everyPresetSignsAndTheSignatureVerifies(AlgorithmPreset preset) throws Exception {
        KeyPair keyPair = TestKeys.of(preset, "preset");
        byte[] message = "pump 4711".getBytes(StandardCharsets.US_ASCII);

        ContentSigner signer = preset.contentSigner(keyPair.getPrivate());
        signer.getOutputStream().write(message);
        byte[] signature = signer.getSignature();

        Signature verifier = Signature.getInstance(preset.signatureAlgorithm());
        verifier.initVerify(keyPair.getPublic());
        verifier.update(message);
        assertTrue(verifier.verify(signature));
        assertEquals(preset.signatureAlgorithmIdentifier(), signer.getAlgorithmIdentifier());
    }

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void signsWithBouncyCastleKeysAsWellAsJdkKeys(AlgorithmPreset preset) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(preset.keyAlgorithm(), new BouncyCastleProvider());
        preset.initialize(generator, new SecureRandom());
        KeyPair keyPair = generator.generateKeyPair();
        byte[] message = "pump 4712".getBytes(StandardCharsets.US_ASCII);

        ContentSigner signer = preset.contentSigner(keyPair.getPrivate());
        signer.getOutputStream().write(message);
        byte[] signature = signer.getSignature();

        Signature verifier = Signature.getInstance(preset.signatureAlgorithm());
        verifier.initVerify(KeyFactory.getInstance(preset.keyAlgorithm())
                .generatePublic(new X509EncodedKeySpec(keyPair.getPublic().getEncoded())));
        verifier.update(message);
        assertTrue(verifier.verify(signature));
    }

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void recognisesItsOwnKeys(AlgorithmPreset preset) {
        assertEquals(preset, AlgorithmPreset.forPublicKey(TestKeys.of(preset, "preset").getPublic()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256k1", "secp521r1"})
    void doesNotMistakeOtherCurvesForPresets(String curve) {
        assertThrows(IllegalArgumentException.class, () -> AlgorithmPreset.forPublicKey(TestKeys.ecOn(curve).getPublic()));
    }

    @Test
    void doesNotRecogniseRsa1024() {
        assertThrows(IllegalArgumentException.class, () -> AlgorithmPreset.forPublicKey(TestKeys.rsa1024().getPublic()));
    }

    @Test
    void refusesAKeyThatDoesNotFitThePreset() {
        KeyPair ec = TestKeys.of(AlgorithmPreset.EC_P256_SHA256, "preset");

        assertThrows(IllegalArgumentException.class, () -> AlgorithmPreset.RSA_2048_SHA256.contentSigner(ec.getPrivate()));
    }

    @Test
    void parsesConfigurationValues() {
        assertEquals(AlgorithmPreset.EC_P384_SHA384, AlgorithmPreset.fromConfig(" ec-p384-sha384 "));
        assertThrows(IllegalArgumentException.class, () -> AlgorithmPreset.fromConfig("rsa-1024-sha1"));
    }
}
