package org.pumppki.server.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.CertificateAuthorityRepository;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.TestIssuingCa;

/**
 * A revocation and a publication of its issuer's CRL at the same moment: the publication holds the
 * CA row and then appends to the audit chain; the revocation marks the CRL stale (the CA row) and
 * audits. Both must take the CA row before the audit chain head, or PostgreSQL detects a deadlock
 * and the administrator gets a 409 for a revocation nobody else touched.
 */
@QuarkusTest
class RevocationLockOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CertificateAuthorityRepository authorities;

    @Inject
    AuditLog auditLog;

    @Inject
    EntityManager entityManager;

    @Test
    void aRevocationDuringAPublicationOfItsIssuersCrlWaitsForItInsteadOfDeadlocking() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("LOCK-ORDER");
        long caId = TestIssuingCa.idOf(pump.issuer());
        CountDownLatch caLocked = new CountDownLatch(1);

        // What CrlPublisher.publish does: lock the CA row, then (after signing) audit.
        CompletableFuture<Void> publication = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .timeout((int) WAIT.toSeconds()).run(() -> {
                    authorities.lock(caId);
                    caLocked.countDown();
                    awaitAnotherTransactionWaitingForALock();
                    auditLog.record(Actor.system("crl-publisher"), AuditAction.CRL_PUBLISHED, pump.issuer(), Map.of());
                }));
        assertEquals(true, caLocked.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the CA row was locked");

        int status = as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial()).then().extract().statusCode();

        publication.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, status, "the revocation waited for the publication and went through");
    }

    /** Polls PostgreSQL until some session waits for a lock: the revocation, blocked by this transaction. */
    private void awaitAnotherTransactionWaitingForALock() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Number waiting = (Number) entityManager.createNativeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
                    .getSingleResult();
            if (waiting.longValue() > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("No transaction came to wait for the CA row");
    }
}
