package org.pumppki.server.testing;

import static io.restassured.RestAssured.given;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.pumppki.ca.crypto.Der;

/**
 * A CRL fetched over plain HTTP and checked as a relying party checks it: issued by the expected
 * CA's name and signed by its key, before anything in it is believed.
 */
public record PublishedCrl(BigInteger number, Instant thisUpdate, Set<BigInteger> revokedSerials, byte[] der) {

    public static PublishedCrl fetch(String baseUrl, String caName, X509CertificateHolder issuer) {
        byte[] der = given().baseUri(baseUrl).get("/crl/" + caName + ".crl").then().statusCode(200).extract().asByteArray();
        X509CRLHolder crl = Der.crl(der);
        if (!crl.getIssuer().equals(issuer.getSubject())) {
            throw new AssertionError("The CRL names issuer " + crl.getIssuer() + ", not " + issuer.getSubject());
        }
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
                throw new AssertionError("The CRL's signature does not verify with " + issuer.getSubject());
            }
        } catch (org.bouncycastle.cert.CertException | org.bouncycastle.operator.OperatorCreationException
                | java.security.cert.CertificateException e) {
            throw new AssertionError("Cannot verify the CRL's signature", e);
        }
        BigInteger number = CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
        @SuppressWarnings("unchecked")
        Collection<X509CRLEntryHolder> entries = crl.getRevokedCertificates();
        Set<BigInteger> revoked = entries.stream().map(X509CRLEntryHolder::getSerialNumber)
                .collect(Collectors.toUnmodifiableSet());
        return new PublishedCrl(number, crl.getThisUpdate().toInstant(), revoked, der);
    }

    public boolean sameContentAs(PublishedCrl other) {
        return Arrays.equals(der, other.der);
    }
}
