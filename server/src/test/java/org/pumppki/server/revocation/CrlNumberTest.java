package org.pumppki.server.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.service.revocation.CrlPublisher;
import org.pumppki.ca.store.CertificateAuthorityRepository;
import org.pumppki.server.testing.TestIssuingCa;

/** CRL numbers come from the CA row as it is under the lock, never as an earlier read left it. */
@QuarkusTest
class CrlNumberTest {

    @Inject
    CrlPublisher publisher;

    @Inject
    CertificateAuthorityRepository authorities;

    @Test
    void aCaReadBeforeAnotherReplicaPublishedDoesNotReuseItsCrlNumber() throws Exception {
        long caId = TestIssuingCa.idOf("issuing");
        QuarkusTransaction.requiringNew().run(() -> authorities.markCrlStale(caId));

        long[] numbers = QuarkusTransaction.requiringNew().call(() -> {
            long before = authorities.findById(caId).lastCrlNumber;
            // Another replica publishes while this transaction holds the CA as it read it.
            long other = CompletableFuture.supplyAsync(() -> publisher.publish(caId).crlNumber).get(30, TimeUnit.SECONDS);
            return new long[] {before, other, publisher.publish(caId).crlNumber};
        });

        assertTrue(numbers[1] > numbers[0], numbers[1] + " after " + numbers[0]);
        assertEquals(numbers[1], numbers[2], "the fresh CRL the other replica published is served, not a second one");
    }
}
