package org.pumppki.api.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.service.certificate.IssuedCertificate;

/** A newly issued certificate: PEM, the issuer chain up to the root, and its record. */
@Schema(name = "EnrollmentResponse")
public record EnrollmentResponse(
        String serial,
        @Schema(description = "The certificate, PEM") String certificate,
        @Schema(description = "Issuing CA first, root last, PEM each") List<String> chain,
        Instant notBefore,
        Instant notAfter,
        String status,
        String profile) {

    static EnrollmentResponse of(IssuedCertificate issued, Clock clock) {
        return new EnrollmentResponse(issued.record().serialNumber, Pem.certificate(issued.certificate()),
                issued.chain().stream().map(Pem::certificate).toList(), issued.record().notBefore,
                issued.record().notAfter, CertificateView.status(issued.record(), clock.instant()), issued.record().profile);
    }
}
