package org.pumppki.api.ocsp;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.pumppki.ca.service.revocation.OcspService;
import org.pumppki.ca.service.revocation.OcspStatusIndex;

/**
 * Whether OCSP is answered, and from what. It stays UP while the database is away (answers come
 * from the in-memory index) and says so: {@code degraded: true}. Besides readiness it forms the
 * {@code ocsp} health group, {@code /q/health/group/ocsp}, for probes of instances that must keep
 * answering RADIUS servers when the rest of the application cannot work.
 */
@Readiness
@HealthGroup("ocsp")
@ApplicationScoped
public class OcspHealthCheck implements HealthCheck {

    private final OcspService ocsp;
    private final OcspStatusIndex index;

    OcspHealthCheck(OcspService ocsp, OcspStatusIndex index) {
        this.ocsp = ocsp;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("OCSP responder")
                .status(ocsp.ready())
                .withData("degraded", index.degraded())
                .withData("source", index.degraded() ? "in-memory index (database unreachable)" : "in-memory index")
                .withData("certificates", index.size())
                .build();
    }
}
