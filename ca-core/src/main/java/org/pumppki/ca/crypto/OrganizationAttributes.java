package org.pumppki.ca.crypto;

import java.util.Optional;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The fixed O and OU every certificate of this CA carries, from configuration. Added first so the
 * subject reads from the organisation down to the device.
 */
record OrganizationAttributes(Optional<String> organization, Optional<String> organizationalUnit) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        organization.ifPresent(o -> template.addSubjectAttribute(BCStyle.O, new DERUTF8String(o)));
        organizationalUnit.ifPresent(ou -> template.addSubjectAttribute(BCStyle.OU, new DERUTF8String(ou)));
    }
}
