package org.pumppki.console;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditQueries;
import org.pumppki.ca.service.certificate.CertificateIssuance;
import org.pumppki.ca.service.certificate.CertificateQueries;
import org.pumppki.ca.service.certificate.ServerKeyGeneration;
import org.pumppki.ca.service.device.CredentialHealth;
import org.pumppki.ca.service.device.DeviceInventory;
import org.pumppki.ca.service.device.DeviceLifecycle;
import org.pumppki.ca.service.device.EnrollmentCodes;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.AuditSearch;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateSearch;
import org.pumppki.ca.store.Device;

/**
 * One device: its certificates and history, and what a biomedical engineer or admin can do to it —
 * enroll from a CSR or with a key generated here, create an EST enrollment code, quarantine,
 * release, approve, decommission.
 */
@Path("/console/devices/{id: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}")
@Produces(MediaType.TEXT_HTML)
public class DevicePage {

    static final String PKCS12 = "application/x-pkcs12";
    static final int HISTORY_EVENTS = 50;
    static final int MAX_CERTIFICATES = 100;
    /** Reasons a person picks when revoking a device certificate; hold has its own button. */
    static final List<RevocationReason> REVOCATION_REASONS = List.of(RevocationReason.KEY_COMPROMISE,
            RevocationReason.CESSATION_OF_OPERATION, RevocationReason.SUPERSEDED, RevocationReason.AFFILIATION_CHANGED,
            RevocationReason.UNSPECIFIED);

    /** Key algorithms offered for server-side key generation, as {@link AlgorithmPreset#fromConfig} reads them. */
    static final List<String> ALGORITHMS = Arrays.stream(AlgorithmPreset.values())
            .map(p -> p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList();

    private final DeviceInventory inventory;
    private final DeviceLifecycle lifecycle;
    private final CertificateQueries certificates;
    private final CertificateIssuance issuance;
    private final ServerKeyGeneration keyGeneration;
    private final EnrollmentCodes enrollmentCodes;
    private final AuditQueries audit;
    private final Viewer viewer;
    private final Clock clock;
    private final Duration warningWindow;

    DevicePage(DeviceInventory inventory, DeviceLifecycle lifecycle, CertificateQueries certificates,
            CertificateIssuance issuance, ServerKeyGeneration keyGeneration, EnrollmentCodes enrollmentCodes,
            AuditQueries audit, Viewer viewer, Clock clock, PkiConfig config) {
        this.inventory = inventory;
        this.lifecycle = lifecycle;
        this.certificates = certificates;
        this.issuance = issuance;
        this.keyGeneration = keyGeneration;
        this.enrollmentCodes = enrollmentCodes;
        this.audit = audit;
        this.viewer = viewer;
        this.clock = clock;
        this.warningWindow = config.renewal().expiringWithin();
    }

    @GET
    @Transactional
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    public TemplateInstance show(@PathParam("id") UUID id) {
        Device device = inventory.get(id);
        List<CertificateRow> rows = certificateRows(device);
        return Pages.device(device, CredentialHealth.of(device.currentCertificate, clock.instant(), warningWindow).label(),
                rows, history(device, rows), ALGORITHMS,
                REVOCATION_REASONS.stream().map(RevocationReason::apiName).toList());
    }

    /** Enrolls from a PKCS#10 request, uploaded as a file or pasted. */
    @POST
    @Path("enroll")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response enrollFromCsr(@PathParam("id") UUID id, @RestForm("csrFile") FileUpload file, @RestForm String csr) {
        byte[] request = csrBytes(file, csr);
        QuarkusTransaction.requiringNew().run(() -> issuance.issueFromCsr(viewer.actor(), id, request, Optional.empty()));
        return backToDevice(id);
    }

    /** Generates the key here and answers the PKCS#12; the private key is not kept. */
    @POST
    @Path("key-generation")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response generateKey(@PathParam("id") UUID id, @RestForm String passphrase, @RestForm String algorithm) {
        AlgorithmPreset preset;
        try {
            preset = AlgorithmPreset.fromConfig(algorithm == null || algorithm.isBlank() ? "ec-p256-sha256" : algorithm);
        } catch (IllegalArgumentException e) {
            throw PkiException.invalidInput("invalid-algorithm", e.getMessage());
        }
        char[] secret = passphrase == null ? null : passphrase.toCharArray();
        try {
            ServerKeyGeneration.KeyAndCertificate result = QuarkusTransaction.requiringNew()
                    .call(() -> keyGeneration.generate(viewer.actor(), id, Optional.empty(), preset, secret));
            String serial = result.issued().record().serialNumber;
            return Response.ok(result.pkcs12(), PKCS12)
                    .header("Content-Disposition", "attachment; filename=\"" + serial + ".p12\"")
                    .header("Cache-Control", "no-store").build();
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /** A one-time EST enrollment code, shown once on the page that answers this request. */
    @POST
    @Path("enrollment-code")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response enrollmentCode(@PathParam("id") UUID id) {
        EnrollmentCodes.NewCode code = enrollmentCodes.create(viewer.actor(), id);
        return Response.ok(Pages.enrollmentCode(inventory.get(id), code)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("quarantine")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response quarantine(@PathParam("id") UUID id) {
        lifecycle.quarantine(viewer.actor(), id);
        return backToDevice(id);
    }

    @POST
    @Path("release")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response release(@PathParam("id") UUID id) {
        lifecycle.release(viewer.actor(), id);
        return backToDevice(id);
    }

    @POST
    @Path("approve")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response approve(@PathParam("id") UUID id) {
        lifecycle.approve(viewer.actor(), id);
        return backToDevice(id);
    }

    /** Asks first, naming every certificate that decommissioning will revoke. */
    @GET
    @Path("decommission")
    @Transactional
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public TemplateInstance confirmDecommission(@PathParam("id") UUID id) {
        Device device = inventory.get(id);
        return Pages.decommission(device, certificateRows(device).stream().filter(CertificateRow::isRevocable).toList());
    }

    @POST
    @Path("decommission")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response decommission(@PathParam("id") UUID id) {
        lifecycle.decommission(viewer.actor(), id);
        return backToDevice(id);
    }

    @ServerExceptionMapper
    public Response refused(PkiException e) {
        return ConsoleFailures.page(e, "/console/devices");
    }

    static Response backToDevice(UUID id) {
        return Response.seeOther(URI.create("/console/devices/" + id)).build();
    }

    private List<CertificateRow> certificateRows(Device device) {
        Instant now = clock.instant();
        CertificateSearch search = new CertificateSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(device.id), Optional.empty(), null);
        Long currentId = device.currentCertificate == null ? null : device.currentCertificate.id;
        return certificates.search(search, 0, MAX_CERTIFICATES).items().stream()
                .map(c -> CertificateRow.of(c, now, c.id.equals(currentId))).toList();
    }

    /** The device's own events and those of its certificates, newest first. */
    private List<AuditEvent> history(Device device, List<CertificateRow> rows) {
        List<AuditEvent> events = new ArrayList<>(byTarget(device.id.toString()));
        rows.forEach(row -> events.addAll(byTarget(row.serial())));
        return events.stream().sorted(Comparator.comparing((AuditEvent e) -> e.id).reversed()).limit(HISTORY_EVENTS)
                .toList();
    }

    private List<AuditEvent> byTarget(String targetId) {
        return audit.search(new AuditSearch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(targetId),
                Optional.empty(), Optional.empty()), 0, HISTORY_EVENTS).items();
    }

    private static byte[] csrBytes(FileUpload file, String pasted) {
        try {
            if (file != null && file.size() > 0) {
                return Files.readAllBytes(file.uploadedFile());
            }
        } catch (java.io.IOException e) {
            throw PkiException.invalidInput("unreadable-csr", "The uploaded file could not be read.");
        }
        if (pasted == null || pasted.isBlank()) {
            throw PkiException.invalidInput("missing-csr", "Choose a PKCS#10 request file or paste one (PEM).");
        }
        return pasted.getBytes(StandardCharsets.US_ASCII);
    }
}
