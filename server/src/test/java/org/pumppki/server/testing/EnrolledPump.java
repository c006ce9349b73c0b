package org.pumppki.server.testing;

import static org.pumppki.server.testing.Api.as;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigInteger;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;

/**
 * A pump registered and enrolled through the admin API with a key of its own, the way a
 * biomedical engineer provisions one: POST /api/v1/devices, then a CSR to
 * POST /api/v1/devices/{id}/certificates.
 *
 * @param deviceSerial the pump's own serial number, as in the inventory
 * @param serial       the certificate's serial number, lower-case hexadecimal
 * @param issuer       the name of the CA that issued it, as used in {@code /crl/{issuer}.crl}
 * @param chain        the issuing CA first, the root last
 */
public record EnrolledPump(String deviceId, String deviceSerial, String serial, String issuer, KeyPair keyPair,
        X509CertificateHolder certificate, List<X509CertificateHolder> chain) {

    /** Registers a new pump and enrolls it with a fresh EC P-256 key. */
    public static EnrolledPump enroll(String serialPrefix) {
        String deviceSerial = Fixtures.serial(serialPrefix);
        String deviceId = Devices.registerPump(deviceSerial);
        KeyPair keyPair = TestKeys.fresh(AlgorithmPreset.EC_P256_SHA256);
        // Pumps put their serial into the CN; the profile accepts nothing else there.
        String csr = Pem.certificationRequest(TestCsr.forKey(keyPair).subject("CN=" + deviceSerial).build());
        JsonPath enrolled = as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", csr))
                .post("/api/v1/devices/{id}/certificates", deviceId)
                .then().statusCode(201).extract().jsonPath();
        String serial = enrolled.getString("serial");
        String issuer = as(Role.AUDITOR).get("/api/v1/certificates/{serial}", serial)
                .then().statusCode(200).extract().path("issuer");
        return new EnrolledPump(deviceId, deviceSerial, serial, issuer, keyPair,
                Pem.readCertificates(enrolled.getString("certificate")).get(0),
                enrolled.getList("chain", String.class).stream().map(pem -> Pem.readCertificates(pem).get(0)).toList());
    }

    public BigInteger serialNumber() {
        return new BigInteger(serial, 16);
    }

    public X509CertificateHolder issuingCa() {
        return chain.get(0);
    }

    public X509CertificateHolder root() {
        return chain.get(chain.size() - 1);
    }
}
