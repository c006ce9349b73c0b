package org.pumppki.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/** Ready only when the database answers and every Flyway migration has been applied. */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements HealthCheck {

    private final Instance<Flyway> flyway;

    SchemaReadinessCheck(Instance<Flyway> flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Database schema");
        try {
            var info = flyway.get().info();
            int pending = info.pending().length;
            String current = info.current() == null ? "none" : info.current().getVersion().getVersion();
            return response.status(pending == 0).withData("version", current).withData("pending", pending).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", "database unreachable").build();
        }
    }
}
