package org.pumppki.ca.crypto;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * The one way a private key leaves PumpPKI: a PKCS#12 file for a device whose key we generated
 * (EST serverkeygen, manual provisioning). Callers audit every use.
 *
 * <p>The key and the certificates are each encrypted with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC,
 * with fresh salt and IV per encryption. The file is authenticated with the PKCS#12 MAC over
 * SHA-256. Both use {@value #ITERATIONS} iterations: about fifty times OpenSSL 3.0's default of
 * 2048, still well under a second for a pump to open. OWASP's 600,000 is a target for stored
 * password hashes; this passphrase protects a file handed over once, and the MAC gets the same count
 * because it is a second way to test a guessed passphrase. Opens with OpenSSL 3 and the JDK's
 * PKCS12 KeyStore; no RC2, 3DES or SHA-1 anywhere.
 */
public final class Pkcs12Export {

    public static final int ITERATIONS = 100_000;

    private static final AlgorithmIdentifier HMAC_SHA256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

    private Pkcs12Export() {
    }

    /**
     * @param key          the device's private key
     * @param chain        the device certificate first, then its CA certificates
     * @param passphrase   chosen by the caller, ideally random; not retained
     * @param friendlyName the alias tools show for the key entry
     * @throws IllegalArgumentException if the key is not of an {@link AlgorithmPreset} (keys we
     *         generate always are) or does not belong to the first certificate
     */
    public static byte[] export(PrivateKey key, List<X509CertificateHolder> chain, char[] passphrase, String friendlyName,
            SecureRandom random) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("The chain must start with the certificate of the key");
        }
        SubjectPublicKeyInfo publicKey = chain.get(0).getSubjectPublicKeyInfo();
        if (!SignerProbe.signsFor(AlgorithmPreset.forSubjectPublicKeyInfo(publicKey).contentSigner(key), publicKey)) {
            throw new IllegalArgumentException("The private key does not belong to " + chain.get(0).getSubject());
        }
        DEROctetString localKeyId = new DEROctetString(Fingerprint.sha256Octets(publicKey));
        DERBMPString alias = new DERBMPString(friendlyName);
        try {
            PKCS12SafeBag[] certificates = new PKCS12SafeBag[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, alias);
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certificates[i] = bag.build();
            }
            PKCS12SafeBag keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(passphrase, random))
                    .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, alias)
                    .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId)
                    .build();
            return new PKCS12PfxPduBuilder()
                    .addEncryptedData(encryptor(passphrase, random), certificates)
                    .addData(keyBag)
                    .build(new BcPKCS12MacCalculatorBuilder(new SHA256Digest(), SHA256).setIterationCount(ITERATIONS), passphrase)
                    .getEncoded("DER");
        } catch (IOException | PKCSException | OperatorCreationException e) {
            throw new IllegalStateException("PKCS#12 encoding failed", e);
        }
    }

    /** A new encryptor per use, so the key and the certificates get distinct salts and IVs. */
    private static OutputEncryptor encryptor(char[] passphrase, SecureRandom random) throws OperatorCreationException {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(Providers.BOUNCY_CASTLE)
                .setPRF(HMAC_SHA256)
                .setIterationCount(ITERATIONS)
                .setRandom(random)
                .build(passphrase);
    }
}
