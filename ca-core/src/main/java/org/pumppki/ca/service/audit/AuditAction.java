package org.pumppki.ca.service.audit;

/** Everything the audit log records, each with the kind of thing it acts on. */
public enum AuditAction {
    SIGN_IN_FAILED("sign-in.failed", TargetType.USER),
    SIGN_IN_THROTTLED("sign-in.throttled", TargetType.USER),
    USER_CREATED("user.created", TargetType.USER),
    USER_DELETED("user.deleted", TargetType.USER),
    PASSWORD_CHANGED("password.changed", TargetType.USER),

    DEVICE_REGISTERED("device.registered", TargetType.DEVICE),
    DEVICE_UPDATED("device.updated", TargetType.DEVICE),
    DEVICE_QUARANTINED("device.quarantined", TargetType.DEVICE),
    DEVICE_RELEASED("device.released", TargetType.DEVICE),
    DEVICE_DECOMMISSIONED("device.decommissioned", TargetType.DEVICE),
    DEVICE_REPORTED_LOST("device.reported-lost", TargetType.DEVICE),
    DEVICES_IMPORTED("devices.imported", TargetType.DEVICE),
    ENROLLMENT_CODE_CREATED("enrollment-code.created", TargetType.DEVICE),
    ENROLLMENT_CODE_USED("enrollment-code.used", TargetType.DEVICE),
    ENROLLMENT_CODE_REFUSED("enrollment-code.refused", TargetType.DEVICE),
    DEVICE_PENDING("device.pending", TargetType.DEVICE),
    DEVICE_APPROVED("device.approved", TargetType.DEVICE),
    EST_REQUEST_REFUSED("est.refused", TargetType.DEVICE),

    CERTIFICATE_ISSUED("certificate.issued", TargetType.CERTIFICATE),
    CERTIFICATE_RENEWED("certificate.renewed", TargetType.CERTIFICATE),
    REENROLLMENT_REFUSED("certificate.reenrollment-refused", TargetType.CERTIFICATE),
    CERTIFICATE_REVOKED("certificate.revoked", TargetType.CERTIFICATE),
    CERTIFICATE_HELD("certificate.held", TargetType.CERTIFICATE),
    CERTIFICATE_RELEASED("certificate.released", TargetType.CERTIFICATE),
    CERTIFICATE_REFUSED("certificate.refused", TargetType.DEVICE),
    PRIVATE_KEY_EXPORTED("private-key.exported", TargetType.CERTIFICATE),

    CA_CREATED("ca.created", TargetType.CA),
    CA_CSR_CREATED("ca.csr-created", TargetType.CA),
    CA_CERTIFICATE_IMPORTED("ca.certificate-imported", TargetType.CA),
    CA_DEFAULT_CHANGED("ca.default-changed", TargetType.CA),
    CA_RETIRED("ca.retired", TargetType.CA),
    CA_REVOKED("ca.revoked", TargetType.CA),
    OCSP_RESPONDER_ISSUED("ocsp-responder.issued", TargetType.CA),
    AUDIT_SIGNER_ISSUED("audit-signer.issued", TargetType.CA),
    CRL_PUBLISHED("crl.published", TargetType.CA),

    AUDIT_CHECKPOINT_CREATED("audit.checkpoint-created", TargetType.AUDIT_LOG),

    FLAG_ACKNOWLEDGED("flag.acknowledged", TargetType.FLAG),
    FLAGS_UPDATED("flags.updated", TargetType.JOB),
    SCHEDULER_JOB_REQUESTED("scheduler.job-requested", TargetType.JOB);

    /** The kind of thing an audit event is about. */
    public enum TargetType {
        USER("user"),
        DEVICE("device"),
        CERTIFICATE("certificate"),
        CA("ca"),
        AUDIT_LOG("audit-log"),
        FLAG("flag"),
        JOB("job");

        private final String label;

        TargetType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String label;
    private final TargetType targetType;

    AuditAction(String label, TargetType targetType) {
        this.label = label;
        this.targetType = targetType;
    }

    public TargetType targetType() {
        return targetType;
    }

    /** The name used in the database and the API, e.g. {@code certificate.revoked}. */
    public String label() {
        return label;
    }

    public static java.util.Optional<AuditAction> fromLabel(String label) {
        return java.util.Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst();
    }
}
