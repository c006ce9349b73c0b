package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.testing.TestOcspRequest;
import org.pumppki.ca.testing.TestPki;

/** An issuer given a source of signers signs on many threads at once, each with its own signer. */
class OcspIssuerConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 40;

    @Test
    void signsOnManyThreadsWithOneSignerPerThreadAndEveryResponseVerifies() throws Exception {
        TestPki pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        AtomicInteger made = new AtomicInteger();
        OcspIssuer issuer = new OcspIssuer(OcspFixture.ISSUER_ID, pki.issuingCertificate(), List.of(pki.responderCertificate()),
                () -> {
                    made.incrementAndGet();
                    return pki.responderSigner();
                });
        OcspResponder responder = new OcspResponder(List.of(issuer), (issuerId, serial) -> CertificateStatus.good(),
                Clock.fixed(TestPki.NOW, ZoneOffset.UTC), OcspFixture.VALIDITY, NotIssuedPolicy.UNKNOWN);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(t);
            workers.add(() -> {
                start.await();
                for (int i = 0; i < PER_THREAD; i++) {
                    byte[] nonce = new byte[16];
                    random.nextBytes(nonce);
                    byte[] request = TestOcspRequest.create().certId(pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA256)
                            .nonce(nonce).der();
                    BasicOCSPResp response = OcspFixture.basic(responder.respond(request));
                    assertTrue(response.isSignatureValid(SignatureCheck.verifierFor(pki.responderCertificate().getSubjectPublicKeyInfo())),
                            "a signer shared between threads mixes their messages");
                    assertArrayEquals(new OCSPReq(request).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets(),
                            response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            workers.forEach(worker -> done.add(pool.submit(worker)));
            start.countDown();
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertTrue(made.get() >= 1 && made.get() <= THREADS,
                "signers are kept and lent again, at most one per thread signing at once: " + made.get());
    }
}
