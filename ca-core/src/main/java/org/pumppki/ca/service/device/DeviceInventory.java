package org.pumppki.ca.service.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.PermittedNames;
import org.pumppki.ca.crypto.ServerName;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.domain.DeviceState;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.InvalidFieldsException;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.certificate.CertificateProfiles;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.DeviceRepository;
import org.pumppki.ca.store.DeviceSearch;
import org.pumppki.ca.store.Page;

/** Registers devices and changes their descriptive data; lifecycle moves are in {@link DeviceLifecycle}. */
@ApplicationScoped
public class DeviceInventory {

    private final DeviceRepository devices;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration expiringWithin;
    private final PermittedNames permittedNames;

    DeviceInventory(DeviceRepository devices, AuditLog auditLog, Clock clock, PkiConfig config,
            CertificateProfiles profiles) {
        this.devices = devices;
        this.auditLog = auditLog;
        this.clock = clock;
        this.expiringWithin = config.renewal().expiringWithin();
        this.permittedNames = profiles.settings().permittedServerNames();
    }

    /** Registers a device; servers only by an administrator, with host names inside the permitted names. */
    @Transactional
    public Device register(Actor actor, DeviceDetails details) {
        return register(actor, details, null);
    }

    /**
     * As {@link #register(Actor, DeviceDetails)}, in the given state ({@code pending} for zero-touch
     * onboarding); null = the state the details ask for.
     */
    @Transactional
    public Device register(Actor actor, DeviceDetails details, DeviceState initialState) {
        Device device = newDevice(details);
        if (initialState != null) {
            device.state = initialState;
        }
        ServerDevices.requireAdministrator(actor, device.kind, "register");
        if (devices.findBySerial(device.manufacturer, device.serial).isPresent()) {
            throw PkiException.conflict("duplicate-device",
                    "A device from " + device.manufacturer + " with serial " + device.serial + " is already registered.");
        }
        devices.persist(device);
        auditLog.record(actor, AuditAction.DEVICE_REGISTERED, device.id.toString(), describe(device));
        return device;
    }

    /** Validates and normalises details into a new, not yet persisted device. */
    Device newDevice(DeviceDetails details) {
        Map<String, String> errors = new LinkedHashMap<>();
        DeviceFieldRules rules = new DeviceFieldRules(errors);
        Device device = new Device();
        device.id = UUID.randomUUID();
        device.kind = kind(details.kind(), errors);
        device.serial = rules.serial(details.serial());
        device.manufacturer = rules.requiredText("manufacturer", details.manufacturer(), 100);
        device.model = rules.requiredText("model", details.model(), 100);
        applyDescriptiveFields(device, details, rules);
        device.state = DeviceFieldRules.trimToNull(details.state()) == null ? DeviceState.IN_SERVICE
                : initialState(details.state(), errors);
        checkHostnamesForKind(device, errors);
        checkHostnamesPermitted(device, errors);
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException("invalid-device", errors);
        }
        Instant now = clock.instant();
        device.createdAt = now;
        device.updatedAt = now;
        return device;
    }

    /**
     * Changes descriptive fields. A null field is left as it is; identity (kind, manufacturer,
     * serial) cannot change because certificates name it; state changes go through lifecycle actions.
     */
    @Transactional
    public Device update(Actor actor, UUID id, DeviceDetails changes) {
        Device device = get(id);
        ServerDevices.requireAdministrator(actor, device.kind, "change");
        Map<String, String> errors = new LinkedHashMap<>();
        refuseIdentityChange("kind", changes.kind(), device.kind.label(), errors);
        refuseIdentityChange("manufacturer", changes.manufacturer(), device.manufacturer, errors);
        refuseIdentityChange("serial", changes.serial(), device.serial, errors);
        if (changes.state() != null && !changes.state().equals(device.state.label())) {
            errors.put("state", "changes through the quarantine, release, decommission and report-lost actions");
        }
        DeviceFieldRules rules = new DeviceFieldRules(errors);
        Map<String, Object> before = describe(device);
        if (changes.model() != null) {
            device.model = rules.requiredText("model", changes.model(), 100);
        }
        applyDescriptiveFields(device, changes, rules);
        checkHostnamesForKind(device, errors);
        if (changes.hostnames() != null) {
            checkHostnamesPermitted(device, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException("invalid-device", errors);
        }
        Map<String, Object> changed = changedFields(before, describe(device));
        if (!changed.isEmpty()) {
            device.updatedAt = clock.instant();
            auditLog.record(actor, AuditAction.DEVICE_UPDATED, device.id.toString(), changed);
        }
        return device;
    }

    @Transactional
    public Device get(UUID id) {
        return devices.findByIdOptional(id)
                .orElseThrow(() -> PkiException.notFound("device-not-found", "No device with id " + id + "."));
    }

    /** A page of devices matching {@code search}, certificate health evaluated now. */
    @Transactional
    public Page<Device> search(DeviceSearch search, int page, int size) {
        Instant now = clock.instant();
        return devices.search(search.at(now, now.plus(expiringWithin)), page, size);
    }

    /**
     * Hands every device matching {@code search} to {@code consumer}, reading them lazily; for
     * exports of the whole inventory.
     */
    @Transactional
    public void forEach(DeviceSearch search, java.util.function.Consumer<Device> consumer) {
        Instant now = clock.instant();
        try (var stream = devices.stream(search.at(now, now.plus(expiringWithin)))) {
            stream.forEach(device -> {
                consumer.accept(device);
                devices.getEntityManager().detach(device);
            });
        }
    }

    /** Devices of any manufacturer with this serial (zero-touch knows the serial, not always the maker's name). */
    @Transactional
    public List<Device> findAllBySerial(String serial) {
        return devices.list("serial", serial);
    }

    @Transactional
    public Optional<Device> findBySerial(String manufacturer, String serial) {
        return devices.findBySerial(manufacturer, serial);
    }

    /** Optional fields: on registration all of them, on update only those present. */
    private static void applyDescriptiveFields(Device device, DeviceDetails details, DeviceFieldRules rules) {
        boolean creating = device.createdAt == null;
        if (creating || details.udi() != null) {
            device.udi = rules.optionalText("udi", details.udi(), 200);
        }
        if (creating || details.macAddress() != null) {
            device.macAddress = rules.macAddress(details.macAddress());
        }
        if (creating || details.firmware() != null) {
            device.firmware = rules.optionalText("firmware", details.firmware(), 64);
        }
        if (creating || details.location() != null) {
            device.location = rules.optionalText("location", details.location(), 200);
        }
        if (creating || details.hostnames() != null) {
            device.hostnames = rules.hostnames(details.hostnames());
        }
    }

    private static void checkHostnamesForKind(Device device, Map<String, String> errors) {
        if (device.kind == DeviceKind.PUMP && device.hostnames != null && !device.hostnames.isEmpty()) {
            errors.put("hostnames", "only pump servers and RADIUS servers have host names");
        }
    }

    /** Checked at registration and when host names change; issuance checks again against today's configuration. */
    private void checkHostnamesPermitted(Device device, Map<String, String> errors) {
        if (device.kind == null || device.kind == DeviceKind.PUMP || device.hostnames == null
                || errors.containsKey("hostnames")) {
            return;
        }
        device.hostnames.stream().filter(name -> !permittedNames.permits(ServerName.parse(name))).findFirst()
                .ifPresent(name -> errors.put("hostnames", "'" + name + "' is outside the names server certificates may "
                        + "carry (" + permittedNames + ")"));
    }

    private static DeviceKind kind(String value, Map<String, String> errors) {
        String label = DeviceFieldRules.trimToNull(value);
        if (label == null) {
            errors.put("kind", "is required: pump, pump-server or radius-server");
            return null;
        }
        return DeviceKind.fromLabel(label).orElseGet(() -> {
            errors.put("kind", "must be pump, pump-server or radius-server");
            return null;
        });
    }

    private static DeviceState initialState(String value, Map<String, String> errors) {
        Optional<DeviceState> state = DeviceState.fromLabel(value.trim());
        if (state.isEmpty() || state.get() == DeviceState.LOST || state.get() == DeviceState.DECOMMISSIONED
                || state.get() == DeviceState.PENDING) {
            errors.put("state", "a new device is in-service or quarantined");
            return null;
        }
        return state.get();
    }

    private static void refuseIdentityChange(String field, String requested, String current, Map<String, String> errors) {
        if (requested != null && !requested.trim().equals(current)) {
            errors.put(field, "cannot change: certificates name it; register a new device instead");
        }
    }

    static Map<String, Object> describe(Device device) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", device.kind == null ? null : device.kind.label());
        fields.put("serial", device.serial);
        fields.put("manufacturer", device.manufacturer);
        fields.put("model", device.model);
        fields.put("udi", device.udi);
        fields.put("macAddress", device.macAddress);
        fields.put("firmware", device.firmware);
        fields.put("location", device.location);
        fields.put("state", device.state == null ? null : device.state.label());
        fields.put("hostnames", device.hostnames == null ? null : String.join(",", device.hostnames));
        return fields;
    }

    private static Map<String, Object> changedFields(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!java.util.Objects.equals(before.get(field), value)) {
                changed.put(field, value);
            }
        });
        return changed;
    }
}
