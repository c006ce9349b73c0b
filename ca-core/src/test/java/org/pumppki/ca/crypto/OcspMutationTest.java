package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.testing.TestOcspRequest;
import org.pumppki.ca.testing.TestPki;

/**
 * Feeds the responder thousands of randomly damaged valid requests. Whatever arrives, it must
 * answer with a well-formed OCSPResponse of a status a client can act on, and never throw.
 */
class OcspMutationTest {

    private static final int MUTANTS = 4_000;
    private static final Set<OcspResponseStatus> ACCEPTABLE = EnumSet.of(
            OcspResponseStatus.SUCCESSFUL, OcspResponseStatus.MALFORMED_REQUEST, OcspResponseStatus.UNAUTHORIZED);

    @Test
    void mutatedRequestsAlwaysGetAWellFormedAnswer() throws Exception {
        OcspFixture fixture = OcspFixture.create();
        OcspResponder responder = fixture.responder(NotIssuedPolicy.REVOKED);
        ContentVerifierProvider verifier = SignatureCheck.verifierFor(fixture.pki.responderCertificate().getSubjectPublicKeyInfo());
        List<byte[]> seeds = seeds(fixture.pki);
        Random random = new Random(20260302L);
        int signed = 0;

        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);

            OcspReply reply = responder.respond(mutant);

            assertTrue(ACCEPTABLE.contains(reply.status()), () -> "Unexpected " + reply.status() + " for " + hex(mutant));
            OCSPResp parsed = new OCSPResp(reply.encoded());
            assertEquals(reply.status().code(), parsed.getStatus());
            if (reply.status() == OcspResponseStatus.SUCCESSFUL) {
                signed++;
                assertTrue(((BasicOCSPResp) parsed.getResponseObject()).isSignatureValid(verifier));
            }
        }
        assertTrue(signed > 0, "some mutants (e.g. a changed serial) are still valid requests");
    }

    private static List<byte[]> seeds(TestPki pki) {
        return List.of(
                TestOcspRequest.create().certId(pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                        .nonce(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).der(),
                TestOcspRequest.create().certId(pki.issuingCertificate(), OcspFixture.REVOKED, CertIdHash.SHA256).der(),
                TestOcspRequest.create()
                        .certId(pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                        .certId(pki.issuingCertificate(), OcspFixture.NEVER_ISSUED, CertIdHash.SHA256)
                        .nonce(new byte[32]).der());
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        int operations = 1 + random.nextInt(3);
        for (int i = 0; i < operations && bytes.length > 0; i++) {
            int position = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(5)) {
                case 0 -> flipBit(bytes, position, random.nextInt(8));
                case 1 -> replaceByte(bytes, position, (byte) random.nextInt(256));
                case 2 -> Arrays.copyOf(bytes, position);
                case 3 -> delete(bytes, position);
                default -> insert(bytes, position, (byte) random.nextInt(256));
            };
        }
        return bytes;
    }

    private static byte[] flipBit(byte[] bytes, int position, int bit) {
        bytes[position] ^= (byte) (1 << bit);
        return bytes;
    }

    private static byte[] replaceByte(byte[] bytes, int position, byte value) {
        bytes[position] = value;
        return bytes;
    }

    private static byte[] delete(byte[] bytes, int position) {
        byte[] shorter = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, shorter, 0, position);
        System.arraycopy(bytes, position + 1, shorter, position, bytes.length - position - 1);
        return shorter;
    }

    private static byte[] insert(byte[] bytes, int position, byte value) {
        byte[] longer = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, longer, 0, position);
        longer[position] = value;
        System.arraycopy(bytes, position, longer, position + 1, bytes.length - position);
        return longer;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
