package org.pumppki.ca.service.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.CertificateProfile;
import org.jboss.logging.Logger;
import org.pumppki.ca.crypto.MacAddressPlacement;
import org.pumppki.ca.crypto.PermittedNames;
import org.pumppki.ca.crypto.ProfileSettings;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.service.PkiException;

/** The certificate profiles as configured under {@code pki.profiles.*}, and which device gets which. */
@ApplicationScoped
public class CertificateProfiles {

    private static final Logger LOG = Logger.getLogger(CertificateProfiles.class);

    private final Map<StandardProfile, CertificateProfile> profiles = new EnumMap<>(StandardProfile.class);
    private final ProfileSettings settings;
    private final CertificateProfile ownTls;

    CertificateProfiles(PkiConfig config) {
        ProfileSettings.Builder builder = settings(config.profiles());
        this.settings = builder.build();
        for (StandardProfile profile : StandardProfile.values()) {
            profiles.put(profile, profile.create(settings));
        }
        // PumpPKI's own names come from the operator's configuration (pki.tls.host-names), not from a
        // request, so the permitted names that bound registered servers do not apply to them.
        this.ownTls = StandardProfile.PUMP_SERVER.create(builder
                .validity(StandardProfile.PUMP_SERVER, config.tls().validity())
                .permittedServerNames(PermittedNames.unrestricted()).build());
    }

    /**
     * The server profile of PumpPKI's own HTTPS certificate: the lifetime of {@code pki.tls.validity},
     * names from {@code pki.tls.host-names}.
     */
    public CertificateProfile ownTls() {
        return ownTls;
    }

    public CertificateProfile get(StandardProfile profile) {
        return profiles.get(profile);
    }

    public ProfileSettings settings() {
        return settings;
    }

    /**
     * The profile a device gets: the one requested, which must suit the device's kind, or the
     * kind's default.
     */
    public StandardProfile forDevice(DeviceKind kind, Optional<String> requested) {
        StandardProfile standard = StandardProfile.fromName(kind.defaultProfile());
        if (requested.isEmpty() || requested.get().isBlank()) {
            return standard;
        }
        String name = requested.get().trim().toLowerCase(Locale.ROOT);
        if (!name.equals(standard.profileName())) {
            throw PkiException.policy("profile-not-allowed", "A " + kind.label() + " gets certificates of profile '"
                    + standard.profileName() + "', not '" + requested.get() + "'.");
        }
        return standard;
    }

    private static ProfileSettings.Builder settings(PkiConfig.Profiles config) {
        ProfileSettings.Builder builder = ProfileSettings.builder()
                .validity(StandardProfile.PUMP, config.pump().validity())
                .validity(StandardProfile.PUMP_SERVER, config.pumpServer().validity())
                .validity(StandardProfile.RADIUS_SERVER, config.radiusServer().validity())
                .validity(StandardProfile.OCSP_RESPONDER, config.ocspResponder().validity())
                .validity(StandardProfile.AUDIT_CHECKPOINT, config.auditSigner().validity())
                .pumpCommonName(config.pump().commonName())
                .hardwareModuleType(config.pump().hardwareModuleType())
                .wlanSsids(config.pump().wlanSsids().orElse(List.of()))
                .macAddressPlacement(macPlacement(config.pump().macAddress()))
                .permittedServerNames(permittedNames(config.server().permittedNames().orElse(List.of())));
        config.organization().ifPresent(builder::organization);
        config.organizationalUnit().ifPresent(builder::organizationalUnit);
        return builder;
    }

    private static PermittedNames permittedNames(List<String> entries) {
        try {
            PermittedNames permitted = PermittedNames.parse(entries);
            if (permitted.isUnrestricted()) {
                LOG.warn("pki.profiles.server.permitted-names is empty: server certificates may name any host an "
                        + "administrator registers. Set the hospital's DNS suffixes and IP ranges.");
            }
            return permitted;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pki.profiles.server.permitted-names: " + e.getMessage(), e);
        }
    }

    private static MacAddressPlacement macPlacement(String value) {
        try {
            return MacAddressPlacement.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pki.profiles.pump.mac-address must be none, subject or san, not '" + value + "'");
        }
    }
}
