package org.pumppki.api.ocsp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.pumppki.ca.service.revocation.OcspStatusIndex;

/** Gauges of the OCSP status index: size, and whether it answers without the database. */
@ApplicationScoped
public class OcspMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, OcspStatusIndex index) {
        Gauge.builder("pki.ocsp.degraded", index, i -> i.degraded() ? 1 : 0)
                .description("1 while OCSP answers from memory because the database is unreachable")
                .register(registry);
        Gauge.builder("pki.ocsp.index.certificates", index, OcspStatusIndex::size)
                .description("Certificates in the OCSP status index")
                .register(registry);
    }
}
