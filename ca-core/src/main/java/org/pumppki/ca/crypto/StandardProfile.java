package org.pumppki.ca.crypto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The certificate profiles PumpPKI ships, each with its configuration name and default lifetime.
 * {@link #create(ProfileSettings)} lists the rules; the list is the profile's whole definition.
 *
 * <p>Every end-entity certificate is v3 with basicConstraints CA:false (critical), SKI, AKI, a
 * critical key usage and an extended key usage. All but the OCSP responder also carry AIA (OCSP and
 * caIssuers) and a CRL distribution point.
 */
public enum StandardProfile {

    /**
     * Infusion pump, EAP-TLS client (IEEE 802.1X): EKU clientAuth and id-kp-eapOverLAN, subject
     * CN and serialNumber, hardwareModuleName SAN, optional WLAN SSIDs and MAC address.
     */
    PUMP("pump", Duration.ofDays(730)) {
        @Override
        List<ProfileRule> rules(ProfileSettings settings) {
            CommonNameTemplate commonName = settings.pumpCommonName();
            List<ProfileRule> rules = new ArrayList<>(List.of(
                    new ValidityWindow(settings.validity(this), settings.backdate()),
                    new EndEntityConstraints(),
                    new KeyUsageForKey(true),
                    ExtendedKeyUsages.of(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_eapOverLAN),
                    new PumpRequestedNames(commonName),
                    new OrganizationAttributes(settings.organization(), settings.organizationalUnit()),
                    new PumpSubject(commonName),
                    new HardwareModuleNameSan(settings.hardwareModuleType().orElseThrow(() -> new IllegalStateException(
                            "The pump profile needs a hardware module type OID in its settings")))));
            if (settings.macAddressPlacement() != MacAddressPlacement.NONE) {
                rules.add(new MacAddressName(settings.macAddressPlacement()));
            }
            if (!settings.wlanSsids().isEmpty()) {
                rules.add(new WlanSsidList(settings.wlanSsids()));
            }
            rules.add(new PublicationPoints());
            return rules;
        }
    },

    /** Servers pumps talk to over TLS (drug library, telemetry): serverAuth and clientAuth, DNS and IP SANs. */
    PUMP_SERVER("pump-server", Duration.ofDays(365)) {
        @Override
        List<ProfileRule> rules(ProfileSettings settings) {
            return serverRules(settings, this, true, KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        }
    },

    /** RADIUS servers terminating EAP-TLS: serverAuth, DNS SANs only. */
    RADIUS_SERVER("radius-server", Duration.ofDays(365)) {
        @Override
        List<ProfileRule> rules(ProfileSettings settings) {
            return serverRules(settings, this, false, KeyPurposeId.id_kp_serverAuth);
        }
    },

    /**
     * Delegated OCSP responder (RFC 6960 §4.2.2.2): id-kp-OCSPSigning and id-pkix-ocsp-nocheck, a
     * short lifetime instead of revocation checking, and no AIA or CDP.
     */
    OCSP_RESPONDER("ocsp-responder", Duration.ofDays(7)) {
        @Override
        List<ProfileRule> rules(ProfileSettings settings) {
            return List.of(
                    new ValidityWindow(settings.validity(this), settings.backdate()),
                    new EndEntityConstraints(),
                    new KeyUsageForKey(false),
                    ExtendedKeyUsages.of(KeyPurposeId.id_kp_OCSPSigning),
                    new NoAltNamesRequested(),
                    new OrganizationAttributes(settings.organization(), settings.organizationalUnit()),
                    new CommonNameSubject(false),
                    new OcspNoCheck());
        }
    },

    /**
     * The signer of audit checkpoints: digitalSignature and id-kp-documentSigning (RFC 9336) only,
     * so that the key vouches for signed documents and for nothing a TLS or OCSP client would accept.
     * Relying parties check it long after signing, so it carries the publication points.
     */
    AUDIT_CHECKPOINT("audit-checkpoint", Duration.ofDays(30)) {
        @Override
        List<ProfileRule> rules(ProfileSettings settings) {
            return List.of(
                    new ValidityWindow(settings.validity(this), settings.backdate()),
                    new EndEntityConstraints(),
                    new KeyUsageForKey(false),
                    ExtendedKeyUsages.of(KeyPurposeId.id_kp_documentSigning),
                    new NoAltNamesRequested(),
                    new OrganizationAttributes(settings.organization(), settings.organizationalUnit()),
                    new CommonNameSubject(false),
                    new PublicationPoints());
        }
    };

    private final String profileName;
    private final Duration defaultValidity;

    StandardProfile(String profileName, Duration defaultValidity) {
        this.profileName = profileName;
        this.defaultValidity = defaultValidity;
    }

    /** The name used in configuration, URLs (EST labels) and audit records, e.g. {@code pump-server}. */
    public String profileName() {
        return profileName;
    }

    public Duration defaultValidity() {
        return defaultValidity;
    }

    /**
     * @throws IllegalStateException if the settings lack something this profile needs (the pump
     *         profile needs a hardware module type)
     */
    public CertificateProfile create(ProfileSettings settings) {
        return new CertificateProfile(profileName, rules(settings));
    }

    abstract List<ProfileRule> rules(ProfileSettings settings);

    /** @throws IllegalArgumentException for unknown names */
    public static StandardProfile fromName(String name) {
        for (StandardProfile profile : values()) {
            if (profile.profileName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return profile;
            }
        }
        throw new IllegalArgumentException("Unknown certificate profile '" + name + "'");
    }

    private static List<ProfileRule> serverRules(ProfileSettings settings, StandardProfile profile, boolean ipAddresses,
            KeyPurposeId... purposes) {
        return List.of(
                new ValidityWindow(settings.validity(profile), settings.backdate()),
                new EndEntityConstraints(),
                new KeyUsageForKey(true),
                ExtendedKeyUsages.of(purposes),
                new RegisteredHostnames(ipAddresses, settings.permittedServerNames()),
                new OrganizationAttributes(settings.organization(), settings.organizationalUnit()),
                new CommonNameSubject(true),
                new PublicationPoints());
    }
}
