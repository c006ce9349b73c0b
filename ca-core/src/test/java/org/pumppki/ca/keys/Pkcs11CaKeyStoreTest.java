package org.pumppki.ca.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.ca.keys.SoftCaKeyStoreTest.sign;
import static org.pumppki.ca.keys.SoftCaKeyStoreTest.verifies;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.testing.SoftHsmToken;

/** Against a real PKCS#11 implementation: SoftHSM2, skipped when it is not installed. */
class Pkcs11CaKeyStoreTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private static final byte[] TBS = "tbsCertList of the issuing CA".getBytes(UTF_8);

    private SoftHsmToken token;
    private Pkcs11CaKeyStore store;

    @BeforeEach
    void openToken() {
        token = SoftHsmToken.shared();
        store = new Pkcs11CaKeyStore(token.config(uniqueName("store")), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @EnumSource(names = {"EC_P256_SHA256", "RSA_3072_SHA256"})
    void keyGeneratedInTheTokenSignsAndIsFoundAgainByAlias(AlgorithmPreset preset) throws Exception {
        String alias = uniqueName("ca");
        StoredKey key = store.generate(preset, alias);
        PublicKey publicKey = store.publicKey(key);

        assertEquals(StoredKey.restore(KeyStoreKind.PKCS11, preset, alias, null), key);
        assertEquals(preset, AlgorithmPreset.forPublicKey(publicKey));
        assertTrue(verifies(preset, publicKey, TBS, sign(store.signer(key), TBS)));

        Pkcs11CaKeyStore reopened = new Pkcs11CaKeyStore(token.config(uniqueName("reopened")), Clock.systemUTC());
        StoredKey found = reopened.find(alias);

        assertEquals(key, found);
        assertArrayEquals(publicKey.getEncoded(), reopened.publicKey(found).getEncoded());
        assertTrue(verifies(preset, publicKey, TBS, sign(reopened.signer(found), TBS)));
    }

    @Test
    void findsAKeyAnHsmAdministratorCreatedWithKeytool() throws Exception {
        String alias = uniqueName("admin");
        token.keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp384r1",
                "-sigalg", "SHA384withECDSA", "-dname", "CN=Issuing CA key, O=Hospital");

        // The store was opened before the key existed.
        StoredKey key = store.find(alias);

        assertEquals(AlgorithmPreset.EC_P384_SHA384, key.preset());
        PublicKey publicKey = store.publicKey(key);
        assertTrue(verifies(key.preset(), publicKey, TBS, sign(store.signer(key), TBS)));
    }

    @Test
    void privateKeyIsAPersistentNonExtractableTokenObject() throws Exception {
        String alias = uniqueName("ca");
        store.generate(AlgorithmPreset.EC_P256_SHA256, alias);

        Key privateKey = token.openKeyStore(uniqueName("inspector")).getKey(alias, null);

        assertInstanceOf(PrivateKey.class, privateKey);
        assertNull(privateKey.getEncoded());
        // SunPKCS11 describes the key's CKA_TOKEN, CKA_SENSITIVE and CKA_EXTRACTABLE attributes here.
        String attributes = privateKey.toString();
        assertTrue(attributes.contains("token object"), attributes);
        assertTrue(attributes.contains(", sensitive"), attributes);
        assertTrue(attributes.contains("unextractable"), attributes);
    }

    @Test
    void tokenRefusesToDecryptWithACaKey() throws Exception {
        String alias = uniqueName("ca");
        store.generate(AlgorithmPreset.RSA_2048_SHA256, alias);
        KeyStore inspector = token.openKeyStore(uniqueName("inspector"));
        Cipher decryptor = Cipher.getInstance("RSA/ECB/PKCS1Padding", inspector.getProvider());
        Key privateKey = inspector.getKey(alias, null);

        InvalidKeyException e = assertThrows(InvalidKeyException.class,
                () -> decryptor.init(Cipher.DECRYPT_MODE, privateKey));

        assertTrue(String.valueOf(e.getCause()).contains("CKR_KEY_FUNCTION_NOT_PERMITTED"), String.valueOf(e.getCause()));
    }

    @Test
    void newKeyCarriesAPlaceholderCertificateUntilTheCaCertificateReplacesIt() throws Exception {
        String alias = uniqueName("ca");
        StoredKey key = store.generate(AlgorithmPreset.EC_P384_SHA384, alias);
        X509Certificate placeholder = (X509Certificate) token.openKeyStore(uniqueName("inspector")).getCertificate(alias);
        X509Certificate caCertificate = selfSignedCaCertificate(store.publicKey(key), store.signer(key));

        store.replaceCertificate(key, caCertificate);

        KeyStore inspector = token.openKeyStore(uniqueName("inspector"));
        assertEquals("CN=" + alias + ",OU=Key placeholder,O=PumpPKI", placeholder.getSubjectX500Principal().getName());
        assertEquals(NOW, placeholder.getNotBefore().toInstant());
        placeholder.verify(store.publicKey(key));
        assertEquals(caCertificate, inspector.getCertificate(alias));
        assertTrue(inspector.isKeyEntry(alias));
        assertTrue(verifies(key.preset(), store.publicKey(key), TBS, sign(store.signer(key), TBS)));
    }

    @Test
    void refusesACertificateForAnotherKey() throws Exception {
        StoredKey key = store.generate(AlgorithmPreset.EC_P256_SHA256, uniqueName("ca"));
        StoredKey other = store.generate(AlgorithmPreset.EC_P256_SHA256, uniqueName("ca"));
        X509Certificate otherCertificate = selfSignedCaCertificate(store.publicKey(other), store.signer(other));

        assertThrows(IllegalArgumentException.class, () -> store.replaceCertificate(key, otherCertificate));
    }

    @Test
    void refusesToReuseALabel() throws Exception {
        String alias = uniqueName("ca");
        StoredKey original = store.generate(AlgorithmPreset.EC_P256_SHA256, alias);
        PublicKey originalPublicKey = store.publicKey(original);

        CaKeyException e = assertThrows(CaKeyException.class, () -> store.generate(AlgorithmPreset.EC_P256_SHA256, alias));

        assertTrue(e.getMessage().contains("already holds an entry labelled '" + alias + "'"), e.getMessage());
        Pkcs11CaKeyStore reopened = new Pkcs11CaKeyStore(token.config(uniqueName("reopened")), Clock.systemUTC());
        assertArrayEquals(originalPublicKey.getEncoded(), reopened.publicKey(original).getEncoded());
    }

    @Test
    void refusesPresetsTheTokenCannotGenerate() {
        assertThrows(IllegalArgumentException.class, () -> store.generate(AlgorithmPreset.ED25519, uniqueName("ca")));
    }

    @Test
    void unknownAliasExplainsWhatSunPkcs11CanSee() {
        CaKeyException e = assertThrows(CaKeyException.class, () -> store.find("no-such-key"));

        assertTrue(e.getMessage().contains("no private key labelled 'no-such-key'"), e.getMessage());
        assertTrue(e.getMessage().contains("CKA_ID"), e.getMessage());
    }

    @Test
    void keyRecordedWithTheWrongPresetIsRefused() {
        String alias = uniqueName("ca");
        store.generate(AlgorithmPreset.EC_P256_SHA256, alias);
        StoredKey misrecorded = StoredKey.restore(KeyStoreKind.PKCS11, AlgorithmPreset.EC_P384_SHA384, alias, null);

        CaKeyException e = assertThrows(CaKeyException.class, () -> store.signer(misrecorded));

        assertTrue(e.getMessage().contains("is EC_P256_SHA256, but it is recorded as EC_P384_SHA384"), e.getMessage());
    }

    @Test
    void refusesKeysOfAnotherStore() {
        StoredKey softKey = StoredKey.restore(KeyStoreKind.SOFT, AlgorithmPreset.EC_P256_SHA256, "k", new byte[] {1});

        assertThrows(IllegalArgumentException.class, () -> store.publicKey(softKey));
    }

    private static X509Certificate selfSignedCaCertificate(PublicKey publicKey, ContentSigner signer) throws Exception {
        X500Name name = new X500Name("CN=PumpPKI Test Issuing CA");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(42), Date.from(NOW), Date.from(NOW.plus(Duration.ofDays(3650))),
                name, publicKey).build(signer));
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
