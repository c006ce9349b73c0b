package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The pump subject: CN from the configured template, then serialNumber with the device serial
 * (PrintableString, as X.520 defines the attribute), both from the inventory.
 */
record PumpSubject(CommonNameTemplate commonName) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        TrustedIdentity identity = request.identity();
        String serial = identity.requireDeviceSerial();
        template.addSubjectAttribute(BCStyle.CN, new DERUTF8String(commonName.render(identity)));
        template.addSubjectAttribute(BCStyle.SERIALNUMBER, new DERPrintableString(serial));
    }
}
