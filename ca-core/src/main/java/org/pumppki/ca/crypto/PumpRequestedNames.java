package org.pumppki.ca.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Refuses pump requests that ask for names a pump may not have. A pump certificate names the
 * device only: any DNS, IP, email or URI subjectAltName is refused, as is a CN or serialNumber that
 * differs from the inventory. A CN equal to the device serial is also accepted, because pumps
 * commonly put their serial there whatever the configured template. A requested hardwareModuleName
 * is accepted only if it carries the device's own serial. Refusals are
 * {@link PolicyViolation#NAME_NOT_ALLOWED}.
 */
record PumpRequestedNames(CommonNameTemplate commonName) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        TrustedIdentity identity = request.identity();
        String serial = identity.requireDeviceSerial();
        String expectedCommonName = commonName.render(identity);
        RequestedNames requested = request.requestedNames();
        for (String cn : requested.untrustedCommonNames()) {
            if (!cn.equals(expectedCommonName) && !cn.equals(serial)) {
                throw refused("CN '" + cn + "'; this pump's certificate is issued for CN '" + expectedCommonName + "'");
            }
        }
        for (String requestedSerial : requested.untrustedSerialNumbers()) {
            if (!requestedSerial.equals(serial)) {
                throw refused("serialNumber '" + requestedSerial + "'; the device record says '" + serial + "'");
            }
        }
        byte[] serialOctets = serial.getBytes(StandardCharsets.UTF_8);
        for (GeneralName name : requested.untrustedAltNames()) {
            Optional<byte[]> hardwareSerial = HardwareModuleNameSan.serialOf(name);
            if (hardwareSerial.isEmpty()) {
                throw refused(RequestedNames.describe(name) + "; pump certificates carry no DNS, IP, email or URI names");
            }
            if (!Arrays.equals(hardwareSerial.get(), serialOctets)) {
                throw refused("a hardwareModuleName with another serial number");
            }
        }
    }

    private static PolicyViolationException refused(String what) {
        return new PolicyViolationException(PolicyViolation.NAME_NOT_ALLOWED, "The request asks for " + what);
    }
}
