package org.pumppki.api.publication;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pumppki.ca.service.revocation.CrlServed;

/**
 * {@code pki_crl_next_update_seconds{ca}}: the nextUpdate (Unix time) of the CRL each CA serves, as
 * this replica last saw it. Every replica refreshes every CA's CRL each {@code pki.crl.refresh-check},
 * so an alert on {@code pki_crl_next_update_seconds - time()} fires when renewal keeps failing.
 */
@ApplicationScoped
public class CrlMetrics {

    private final MeterRegistry registry;
    private final Map<String, Instant> nextUpdates = new ConcurrentHashMap<>();

    CrlMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onServed(@Observes CrlServed crl) {
        if (nextUpdates.put(crl.caName(), crl.nextUpdate()) == null) {
            Gauge.builder("pki.crl.next.update", nextUpdates, updates -> updates.get(crl.caName()).getEpochSecond())
                    .tag("ca", crl.caName())
                    .baseUnit("seconds")
                    .description("nextUpdate of the CRL the CA serves, as Unix time")
                    .register(registry);
        }
    }
}
