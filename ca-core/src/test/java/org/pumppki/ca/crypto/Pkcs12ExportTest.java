package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pumppki.ca.testing.TestPki;

class Pkcs12ExportTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @ParameterizedTest
    @EnumSource(value = AlgorithmPreset.class, names = {"EC_P256_SHA256", "RSA_2048_SHA256", "ED25519"})
    void opensWithTheJdkKeyStoreAndThePassphrase(AlgorithmPreset preset) throws Exception {
        TestPki pki = TestPki.create(preset);
        List<X509CertificateHolder> chain = List.of(pki.issuePump("PUMP-7"), pki.issuingCertificate(), pki.rootCertificate());

        byte[] pkcs12 = Pkcs12Export.export(pki.pumpKey().getPrivate(), chain, PASSPHRASE, "pump-7", new SecureRandom());

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pkcs12), PASSPHRASE);
        Key key = store.getKey("pump-7", PASSPHRASE);
        assertArrayEquals(pki.pumpKey().getPrivate().getEncoded(), key.getEncoded());
        Certificate[] storedChain = store.getCertificateChain("pump-7");
        assertEquals(3, storedChain.length);
        for (int i = 0; i < chain.size(); i++) {
            assertArrayEquals(chain.get(i).getEncoded(), storedChain[i].getEncoded());
        }
    }

    @Test
    void doesNotOpenWithAnotherPassphrase() {
        byte[] pkcs12 = export(TestPki.create(AlgorithmPreset.EC_P256_SHA256));

        assertThrows(IOException.class, () -> KeyStore.getInstance("PKCS12").load(new ByteArrayInputStream(pkcs12), "wrong".toCharArray()));
    }

    @Test
    void usesPbes2WithAes256AndPbkdf2HmacSha256AndASha256Mac() throws Exception {
        PKCS12PfxPdu pfx = new PKCS12PfxPdu(export(TestPki.create(AlgorithmPreset.EC_P256_SHA256)));

        MacData mac = Pfx.getInstance(pfx.getEncoded()).getMacData();
        assertEquals(NISTObjectIdentifiers.id_sha256, mac.getMac().getAlgorithmId().getAlgorithm());
        assertEquals(Pkcs12Export.ITERATIONS, mac.getIterationCount().intValueExact());
        int encryptions = 0;
        for (ContentInfo info : pfx.getContentInfos()) {
            if (PKCSObjectIdentifiers.encryptedData.equals(info.getContentType())) {
                assertPbes2(EncryptedData.getInstance(info.getContent()).getEncryptionAlgorithm());
                encryptions++;
            } else {
                for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
                    assertEquals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, bag.getType());
                    assertPbes2(((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).getEncryptionAlgorithm());
                    encryptions++;
                }
            }
        }
        assertEquals(2, encryptions, "certificates and key are both encrypted");
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate() {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        List<X509CertificateHolder> chain = List.of(pki.issuePump("PUMP-7"));

        assertThrows(IllegalArgumentException.class,
                () -> Pkcs12Export.export(pki.issuingKeyPair().getPrivate(), chain, PASSPHRASE, "x", new SecureRandom()));
        assertThrows(IllegalArgumentException.class,
                () -> Pkcs12Export.export(pki.pumpKey().getPrivate(), List.of(), PASSPHRASE, "x", new SecureRandom()));
    }

    private static void assertPbes2(AlgorithmIdentifier algorithm) {
        assertEquals(PKCSObjectIdentifiers.id_PBES2, algorithm.getAlgorithm());
        PBES2Parameters parameters = PBES2Parameters.getInstance(algorithm.getParameters());
        assertEquals(PKCSObjectIdentifiers.id_PBKDF2, parameters.getKeyDerivationFunc().getAlgorithm());
        PBKDF2Params kdf = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters());
        assertEquals(PKCSObjectIdentifiers.id_hmacWithSHA256, kdf.getPrf().getAlgorithm());
        assertEquals(Pkcs12Export.ITERATIONS, kdf.getIterationCount().intValueExact());
        assertEquals(NISTObjectIdentifiers.id_aes256_CBC, parameters.getEncryptionScheme().getAlgorithm());
        ASN1Encodable iv = parameters.getEncryptionScheme().getParameters();
        assertEquals(16, ASN1OctetString.getInstance(iv).getOctets().length);
        assertTrue(kdf.getSalt().length >= 16);
    }

    private static byte[] export(TestPki pki) {
        return Pkcs12Export.export(pki.pumpKey().getPrivate(), List.of(pki.issuePump("PUMP-7"), pki.issuingCertificate()),
                PASSPHRASE, "pump-7", new SecureRandom());
    }
}
