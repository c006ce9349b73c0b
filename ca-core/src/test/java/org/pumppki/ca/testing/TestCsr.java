package org.pumppki.ca.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.pumppki.ca.crypto.AlgorithmPreset;

/** Builds PKCS#10 requests the way a pump, a server or an attacker would. */
public final class TestCsr {

    /** One instance: building a provider costs more than signing a request with it. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final KeyPair keyPair;
    private X500Name subject = new X500Name("CN=test");
    private final List<GeneralName> altNames = new ArrayList<>();
    private String signatureAlgorithm;

    private TestCsr(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.signatureAlgorithm = defaultSignatureAlgorithm(keyPair);
    }

    public static TestCsr forKey(KeyPair keyPair) {
        return new TestCsr(keyPair);
    }

    public TestCsr subject(String dn) {
        this.subject = new X500Name(dn);
        return this;
    }

    public TestCsr dns(String... names) {
        for (String name : names) {
            altNames.add(new GeneralName(GeneralName.dNSName, name));
        }
        return this;
    }

    public TestCsr ip(String... addresses) {
        for (String address : addresses) {
            altNames.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return this;
    }

    public TestCsr altName(GeneralName name) {
        altNames.add(name);
        return this;
    }

    /** A JCA signature name, e.g. {@code SHA1withRSA} to build a request that must be refused. */
    public TestCsr signedWith(String algorithm) {
        this.signatureAlgorithm = algorithm;
        return this;
    }

    public PKCS10CertificationRequest build() {
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic());
            if (!altNames.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(new JcaContentSignerBuilder(signatureAlgorithm)
                    .setProvider(BOUNCY_CASTLE).build(keyPair.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] der() {
        try {
            return build().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defaultSignatureAlgorithm(KeyPair keyPair) {
        return switch (keyPair.getPublic().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> AlgorithmPreset.ED25519.signatureAlgorithm();
        };
    }
}
