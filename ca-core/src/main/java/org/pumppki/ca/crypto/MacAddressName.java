package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * Puts the pump's MAC address where {@link MacAddressPlacement} says, in the RFC 3580 text form
 * ({@code 00-1A-2B-3C-4D-5E}). A pump without a recorded MAC is refused rather than issued a
 * certificate that differs in shape from its siblings.
 */
record MacAddressName(MacAddressPlacement placement) implements ProfileRule {

    MacAddressName {
        if (placement == MacAddressPlacement.NONE) {
            throw new IllegalArgumentException("Leave the rule out of the profile instead");
        }
    }

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        MacAddress mac = request.identity().macAddress().orElseThrow(() -> new PolicyViolationException(
                PolicyViolation.IDENTITY_INCOMPLETE, "The profile puts the MAC address in the certificate, but the device record has none"));
        DERIA5String value = new DERIA5String(mac.toString());
        if (placement == MacAddressPlacement.SUBJECT) {
            template.addSubjectAttribute(DeviceObjectIdentifiers.MAC_ADDRESS, value);
        } else {
            template.addSubjectAltName(new GeneralName(GeneralName.otherName, new OtherName(DeviceObjectIdentifiers.MAC_ADDRESS, value)));
        }
    }
}
