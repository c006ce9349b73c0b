package org.pumppki.ca.domain;

import java.util.Optional;

/**
 * What a flag says is wrong, with the severity it has unless the scan grades it (expiry windows),
 * and what a person should do about it.
 */
public enum FlagKind implements Labelled {
    EXPIRING("expiring", FlagSeverity.WARNING, "Renew the certificate before it expires."),
    EXPIRED("expired", FlagSeverity.CRITICAL, "Enroll the device anew: its certificate has expired."),
    REVOKED_STILL_SEEN("revoked-still-seen", FlagSeverity.CRITICAL,
            "Find the device: a revoked certificate is still presented on the network."),
    EXPIRED_STILL_SEEN("expired-still-seen", FlagSeverity.WARNING,
            "Find the device: an expired certificate is still presented on the network."),
    UNKNOWN_SERIAL_SEEN("unknown-serial-seen", FlagSeverity.WARNING,
            "Find the device: a certificate this CA never issued is presented on the network."),
    NO_VALID_CERTIFICATE("no-valid-certificate", FlagSeverity.CRITICAL,
            "Enroll the device: it is in service without a valid certificate."),
    SEVERAL_VALID_CERTIFICATES("several-valid-certificates", FlagSeverity.WARNING,
            "Revoke the certificates the device no longer uses."),
    CERTIFICATE_WITHOUT_DEVICE("certificate-without-device", FlagSeverity.INFO,
            "Register the device the certificate belongs to, or revoke the certificate."),
    QUARANTINED_DEVICE_SEEN("quarantined-device-seen", FlagSeverity.WARNING,
            "Find the device: it is quarantined but still tries to join the network."),
    INFRASTRUCTURE_EXPIRING("infrastructure-expiring", FlagSeverity.WARNING,
            "Renew or replace the CA, responder or server certificate before it expires."),
    CRL_STALE("crl-stale", FlagSeverity.CRITICAL,
            "Check the CRL publication: relying parties will soon refuse every certificate of this CA.");

    private final String label;
    private final FlagSeverity severity;
    private final String action;

    FlagKind(String label, FlagSeverity severity, String action) {
        this.label = label;
        this.severity = severity;
        this.action = action;
    }

    @Override
    public String label() {
        return label;
    }

    /** The severity of a flag of this kind unless its scan grades it. */
    public FlagSeverity severity() {
        return severity;
    }

    /** What a person should do, for the work list and the notifications. */
    public String action() {
        return action;
    }

    public static Optional<FlagKind> fromLabel(String label) {
        return Labelled.fromLabel(FlagKind.class, label);
    }
}
