package org.pumppki.ca.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.crypto.AlgorithmPreset;

class SoftCaKeyStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] TBS = "tbsCertificate of a pump".getBytes(UTF_8);

    private final MasterKey masterKey = newMasterKey();
    private final SoftCaKeyStore store = new SoftCaKeyStore(masterKey);

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void keyReloadedFromItsColumnsSignsForTheSamePublicKey(AlgorithmPreset preset) throws Exception {
        StoredKey generated = store.generate(preset, "issuing-ca");
        PublicKey publicKey = store.publicKey(generated);
        StoredKey reloaded = StoredKey.restore(generated.kind(), generated.preset(), generated.reference(),
                generated.wrappedKey());
        SoftCaKeyStore restarted = new SoftCaKeyStore(masterKey);

        byte[] signature = sign(restarted.signer(reloaded), TBS);

        assertArrayEquals(publicKey.getEncoded(), restarted.publicKey(reloaded).getEncoded());
        assertEquals(preset, AlgorithmPreset.forPublicKey(publicKey));
        assertTrue(verifies(preset, publicKey, TBS, signature));
        assertFalse(verifies(preset, publicKey, "another tbsCertificate".getBytes(UTF_8), signature));
    }

    @Test
    void signerAnnouncesThePresetSignatureAlgorithm() {
        StoredKey key = store.generate(AlgorithmPreset.EC_P384_SHA384, "issuing-ca");

        // ecdsa-with-SHA384
        assertEquals("1.2.840.10045.4.3.3", store.signer(key).getAlgorithmIdentifier().getAlgorithm().getId());
    }

    @Test
    void keyIdStartsWithTheLabelAndIsUniquePerKey() {
        StoredKey first = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        StoredKey second = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");

        assertTrue(first.reference().matches("issuing-ca\\.[0-9a-f]{16}"), first.reference());
        assertNotEquals(first.reference(), second.reference());
        assertEquals(KeyStoreKind.SOFT, first.kind());
    }

    @Test
    void blobStartsWithItsFormatVersionAndHidesTheKeyPair() {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        byte[] blob = key.wrappedKey();
        byte[] publicPoint = SubjectPublicKeyInfo.getInstance(store.publicKey(key).getEncoded())
                .getPublicKeyData().getBytes();

        assertEquals(WrappedKeyBlob.VERSION, blob[0]);
        // The plaintext carries the public point (65 bytes); it must not be readable in the blob.
        assertEquals(-1, indexOf(blob, publicPoint));
    }

    @Test
    void everySignerIsNewAndSignersWorkInParallel() throws Exception {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        PublicKey publicKey = store.publicKey(key);
        assertNotSame(store.signer(key), store.signer(key));

        List<Callable<Boolean>> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] message = ("certificate " + i).getBytes(UTF_8);
            jobs.add(() -> verifies(key.preset(), publicKey, message, sign(store.signer(key), message)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Boolean> result : pool.invokeAll(jobs)) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongMasterKeyIsReportedAsSuch() {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        MasterKey otherMasterKey = newMasterKey();
        SoftCaKeyStore misconfigured = new SoftCaKeyStore(otherMasterKey);

        MasterKeyMismatchException e = assertThrows(MasterKeyMismatchException.class, () -> misconfigured.signer(key));

        assertTrue(e.getMessage().startsWith("The master key does not match the stored CA keys"), e.getMessage());
        assertTrue(e.getMessage().contains(masterKey.fingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains(otherMasterKey.fingerprint()), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains("generate"), e.getMessage());
        assertThrows(MasterKeyMismatchException.class, () -> misconfigured.publicKey(key));
    }

    @ParameterizedTest(name = "byte {0} from the end")
    @ValueSource(ints = {1, 16, 17, 40})
    void alteredCiphertextOrTagIsRejected(int fromEnd) {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        byte[] blob = key.wrappedKey();
        blob[blob.length - fromEnd] ^= 0x01;

        assertThrows(WrappedKeyIntegrityException.class,
                () -> new SoftCaKeyStore(masterKey).signer(withBlob(key, blob)));
    }

    @Test
    void alteredIvIsRejected() {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        byte[] blob = key.wrappedKey();
        blob[9] ^= 0x01;

        assertThrows(WrappedKeyIntegrityException.class,
                () -> new SoftCaKeyStore(masterKey).signer(withBlob(key, blob)));
    }

    @Test
    void truncatedBlobIsRejected() {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        byte[] blob = Arrays.copyOf(key.wrappedKey(), 30);

        assertThrows(WrappedKeyIntegrityException.class,
                () -> new SoftCaKeyStore(masterKey).signer(withBlob(key, blob)));
    }

    @Test
    void unknownFormatVersionIsNamed() {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        byte[] blob = key.wrappedKey();
        blob[0] = 2;

        CaKeyException e = assertThrows(CaKeyException.class,
                () -> new SoftCaKeyStore(masterKey).signer(withBlob(key, blob)));

        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    }

    @Test
    void blobMovedToAnotherKeyIdIsRejected() {
        StoredKey root = store.generate(AlgorithmPreset.EC_P256_SHA256, "root-ca");
        StoredKey issuing = store.generate(AlgorithmPreset.EC_P256_SHA256, "issuing-ca");
        StoredKey swapped = StoredKey.restore(KeyStoreKind.SOFT, issuing.preset(), issuing.reference(), root.wrappedKey());

        WrappedKeyIntegrityException e = assertThrows(WrappedKeyIntegrityException.class,
                () -> new SoftCaKeyStore(masterKey).signer(swapped));

        assertTrue(e.getMessage().contains(issuing.reference()), e.getMessage());
    }

    @Test
    void blobRelabelledWithAnotherPresetIsRejected() {
        StoredKey key = store.generate(AlgorithmPreset.RSA_2048_SHA256, "issuing-ca");
        StoredKey relabelled = StoredKey.restore(KeyStoreKind.SOFT, AlgorithmPreset.RSA_3072_SHA256, key.reference(),
                key.wrappedKey());

        assertThrows(WrappedKeyIntegrityException.class, () -> new SoftCaKeyStore(masterKey).signer(relabelled));
    }

    @Test
    void refusesKeysOfAnotherStore() {
        StoredKey hsmKey = StoredKey.pkcs11(AlgorithmPreset.EC_P256_SHA256, "root-ca");

        assertThrows(IllegalArgumentException.class, () -> store.signer(hsmKey));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading-dash", "has space", "slash/inside", "x12345678901234567890123456789012345678901234567890123456789012345"})
    void refusesMalformedLabels(String label) {
        assertThrows(IllegalArgumentException.class, () -> store.generate(AlgorithmPreset.EC_P256_SHA256, label));
    }

    private static StoredKey withBlob(StoredKey key, byte[] blob) {
        return StoredKey.restore(key.kind(), key.preset(), key.reference(), blob);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static MasterKey newMasterKey() {
        byte[] bytes = new byte[MasterKey.LENGTH_BYTES];
        RANDOM.nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }

    static byte[] sign(ContentSigner signer, byte[] message) {
        try (OutputStream out = signer.getOutputStream()) {
            out.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return signer.getSignature();
    }

    static boolean verifies(AlgorithmPreset preset, PublicKey publicKey, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        // The JDK's own verifier, independent of the provider that signed.
        Signature verifier = Signature.getInstance(preset.signatureAlgorithm());
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signature);
    }
}
