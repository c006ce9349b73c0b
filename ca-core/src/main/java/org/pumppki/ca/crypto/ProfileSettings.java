package org.pumppki.ca.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The configurable part of the standard profiles, immutable, so that configuration (not code)
 * decides validities, naming and optional extensions.
 *
 * @param validities             certificate lifetime per profile; profiles missing here use
 *                               {@link StandardProfile#defaultValidity()}
 * @param backdate               how far notBefore lies before the issuance instant. Default zero:
 *                               the certificate then starts exactly at the audited issuance time.
 *                               Raise it (a few minutes) if devices with slow clocks reject fresh
 *                               certificates; at most one day.
 * @param pumpCommonName         template for the pump certificate CN
 * @param organization           optional fixed subject O for every profile
 * @param organizationalUnit     optional fixed subject OU for every profile
 * @param hardwareModuleType     the hwType OID of the pump hardwareModuleName (RFC 4108), usually
 *                               under the operator's or the manufacturer's enterprise arc; the pump
 *                               profile cannot be built without it
 * @param wlanSsids              SSIDs for the RFC 4334 WLAN SSID extension of pump certificates;
 *                               empty means no extension
 * @param macAddressPlacement    whether and where pump certificates carry the MAC address
 * @param permittedServerNames   the DNS suffixes and IP ranges server certificates may name
 */
public record ProfileSettings(
        Map<StandardProfile, Duration> validities,
        Duration backdate,
        CommonNameTemplate pumpCommonName,
        Optional<String> organization,
        Optional<String> organizationalUnit,
        Optional<ASN1ObjectIdentifier> hardwareModuleType,
        List<String> wlanSsids,
        MacAddressPlacement macAddressPlacement,
        PermittedNames permittedServerNames) {

    static final Duration MAX_BACKDATE = Duration.ofDays(1);
    private static final int MAX_SSID_OCTETS = 32;
    private static final int MAX_NAME_LENGTH = 64;

    public ProfileSettings {
        validities = Map.copyOf(validities);
        validities.forEach((profile, validity) -> {
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("The validity of profile " + profile.profileName() + " must be positive");
            }
        });
        if (backdate.isNegative() || backdate.compareTo(MAX_BACKDATE) > 0) {
            throw new IllegalArgumentException("The backdate must be between zero and " + MAX_BACKDATE);
        }
        Objects.requireNonNull(pumpCommonName, "pumpCommonName");
        organization.ifPresent(value -> requireName("organization", value));
        organizationalUnit.ifPresent(value -> requireName("organizational unit", value));
        Objects.requireNonNull(hardwareModuleType, "hardwareModuleType");
        wlanSsids = List.copyOf(wlanSsids);
        wlanSsids.forEach(ProfileSettings::requireSsid);
        Objects.requireNonNull(macAddressPlacement, "macAddressPlacement");
        Objects.requireNonNull(permittedServerNames, "permittedServerNames");
    }

    /** Settings with every default and no hardware type: enough for server and responder profiles. */
    public static ProfileSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration validity(StandardProfile profile) {
        return validities.getOrDefault(profile, profile.defaultValidity());
    }

    private static void requireName(String what, String value) {
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("The " + what + " must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void requireSsid(String ssid) {
        int octets = ssid.getBytes(StandardCharsets.UTF_8).length;
        if (octets < 1 || octets > MAX_SSID_OCTETS) {
            throw new IllegalArgumentException("An SSID must be 1 to " + MAX_SSID_OCTETS + " octets, '" + ssid + "' has " + octets);
        }
    }

    /** Builder starting from the defaults. */
    public static final class Builder {

        private final Map<StandardProfile, Duration> validities = new EnumMap<>(StandardProfile.class);
        private Duration backdate = Duration.ZERO;
        private CommonNameTemplate pumpCommonName = CommonNameTemplate.serialOnly();
        private String organization;
        private String organizationalUnit;
        private ASN1ObjectIdentifier hardwareModuleType;
        private List<String> wlanSsids = List.of();
        private MacAddressPlacement macAddressPlacement = MacAddressPlacement.NONE;
        private PermittedNames permittedServerNames = PermittedNames.unrestricted();

        private Builder() {
        }

        public Builder validity(StandardProfile profile, Duration validity) {
            validities.put(profile, validity);
            return this;
        }

        public Builder backdate(Duration backdate) {
            this.backdate = backdate;
            return this;
        }

        public Builder pumpCommonName(String template) {
            this.pumpCommonName = CommonNameTemplate.parse(template);
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        public Builder organizationalUnit(String organizationalUnit) {
            this.organizationalUnit = organizationalUnit;
            return this;
        }

        /** @param oid dotted form, e.g. {@code 1.3.6.1.4.1.99999.1.1} */
        public Builder hardwareModuleType(String oid) {
            this.hardwareModuleType = new ASN1ObjectIdentifier(oid);
            return this;
        }

        public Builder wlanSsids(List<String> ssids) {
            this.wlanSsids = List.copyOf(ssids);
            return this;
        }

        public Builder macAddressPlacement(MacAddressPlacement placement) {
            this.macAddressPlacement = placement;
            return this;
        }

        public Builder permittedServerNames(PermittedNames permitted) {
            this.permittedServerNames = permitted;
            return this;
        }

        public ProfileSettings build() {
            return new ProfileSettings(validities, backdate, pumpCommonName, Optional.ofNullable(organization),
                    Optional.ofNullable(organizationalUnit), Optional.ofNullable(hardwareModuleType), wlanSsids,
                    macAddressPlacement, permittedServerNames);
        }
    }
}
