package org.pumppki.ca.service.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.domain.DeviceState;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.certificate.CertificateRevocation;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.Device;

/**
 * Moves a device through its life and does to its certificates what that move means: quarantine
 * holds them, release lifts the hold, a lost device's certificates are revoked for key compromise,
 * decommissioning revokes them for cessation of operation. Device and certificates change in one
 * transaction.
 */
@ApplicationScoped
public class DeviceLifecycle {

    private final DeviceInventory inventory;
    private final CertificateRevocation revocation;
    private final AuditLog auditLog;
    private final Clock clock;

    DeviceLifecycle(DeviceInventory inventory, CertificateRevocation revocation, AuditLog auditLog, Clock clock) {
        this.inventory = inventory;
        this.revocation = revocation;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public Device quarantine(Actor actor, UUID id) {
        Device device = move(id, DeviceState.QUARANTINED);
        List<Certificate> held = revocation.holdAllOf(actor, device);
        return audited(actor, device, AuditAction.DEVICE_QUARANTINED, held);
    }

    @Transactional
    public Device release(Actor actor, UUID id) {
        Device device = inventory.get(id);
        if (device.state != DeviceState.QUARANTINED) {
            throw PkiException.conflict("invalid-transition", "Only a quarantined device can be released; this one is "
                    + device.state.label() + ".");
        }
        move(id, DeviceState.IN_SERVICE);
        List<Certificate> released = revocation.releaseAllOf(actor, device);
        return audited(actor, device, AuditAction.DEVICE_RELEASED, released);
    }

    /** Admits a pump that registered itself through zero-touch onboarding: it may enroll from now on. */
    @Transactional
    public Device approve(Actor actor, UUID id) {
        Device device = inventory.get(id);
        if (device.state != DeviceState.PENDING) {
            throw PkiException.conflict("invalid-transition", "Only a pending device can be approved; this one is "
                    + device.state.label() + ".");
        }
        move(id, DeviceState.IN_SERVICE);
        return audited(actor, device, AuditAction.DEVICE_APPROVED, List.of());
    }

    @Transactional
    public Device decommission(Actor actor, UUID id) {
        Device device = move(id, DeviceState.DECOMMISSIONED);
        List<Certificate> revoked = revocation.revokeAllOf(actor, device, RevocationReason.CESSATION_OF_OPERATION);
        return audited(actor, device, AuditAction.DEVICE_DECOMMISSIONED, revoked);
    }

    @Transactional
    public Device reportLost(Actor actor, UUID id) {
        Device device = move(id, DeviceState.LOST);
        List<Certificate> revoked = revocation.revokeAllOf(actor, device, RevocationReason.KEY_COMPROMISE);
        return audited(actor, device, AuditAction.DEVICE_REPORTED_LOST, revoked);
    }

    private Device move(UUID id, DeviceState next) {
        Device device = inventory.get(id);
        if (!device.state.canMoveTo(next)) {
            throw PkiException.conflict("invalid-transition", "A device that is " + device.state.label()
                    + " cannot become " + next.label() + "; allowed next: " + labels(device.state) + ".");
        }
        device.state = next;
        device.updatedAt = clock.instant();
        return device;
    }

    private Device audited(Actor actor, Device device, AuditAction action, List<Certificate> certificates) {
        auditLog.record(actor, action, device.id.toString(), Map.of(
                "state", device.state.label(),
                "certificates", certificates.stream().map(c -> c.serialNumber).toList()));
        return device;
    }

    private static String labels(DeviceState state) {
        List<String> next = state.successors().stream().map(DeviceState::label).toList();
        return next.isEmpty() ? "none" : String.join(", ", next);
    }
}
