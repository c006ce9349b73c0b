package org.pumppki.ca.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM (RFC 7468) for certificates, chains, CSRs and CRLs. Writing uses {@code \n} line endings and
 * 64-character lines on every platform so that the same input always gives the same bytes.
 */
public final class Pem {

    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
    /** The label older Microsoft and Netscape tools write for a CSR; accepted when reading. */
    public static final String NEW_CERTIFICATE_REQUEST = "NEW CERTIFICATE REQUEST";
    public static final String CRL = "X509 CRL";

    private static final Base64.Encoder BASE64_LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + BASE64_LINES.encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static String certificate(X509CertificateHolder certificate) {
        return encode(CERTIFICATE, encoded(certificate::getEncoded));
    }

    /** Concatenated PEM blocks in the order given (leaf first, by convention). */
    public static String certificates(List<X509CertificateHolder> chain) {
        StringBuilder pem = new StringBuilder();
        chain.forEach(certificate -> pem.append(certificate(certificate)));
        return pem.toString();
    }

    public static String certificationRequest(PKCS10CertificationRequest request) {
        return encode(CERTIFICATE_REQUEST, encoded(request::getEncoded));
    }

    public static String crl(X509CRLHolder crl) {
        return encode(CRL, encoded(crl::getEncoded));
    }

    /**
     * Reads every certificate from PEM text.
     *
     * @throws MalformedInputException if the text holds no certificate, a block of another type,
     *         or a block that does not decode
     */
    public static List<X509CertificateHolder> readCertificates(String text) {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        for (PemObject block : blocks(text, Set.of(CERTIFICATE))) {
            certificates.add(Der.certificate(block.getContent()));
        }
        return List.copyOf(certificates);
    }

    /** Reads the single CRL in PEM text. */
    public static X509CRLHolder readCrl(String text) {
        List<PemObject> blocks = blocks(text, Set.of(CRL));
        if (blocks.size() != 1) {
            throw new MalformedInputException("Expected exactly one X509 CRL block, found " + blocks.size());
        }
        return Der.crl(blocks.get(0).getContent());
    }

    /** All PEM blocks in {@code text}, each of one of the {@code allowedTypes}; at least one. */
    static List<PemObject> blocks(String text, Set<String> allowedTypes) {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                if (!allowedTypes.contains(block.getType())) {
                    throw new MalformedInputException("Unexpected PEM block '" + block.getType() + "'; expected " + allowedTypes);
                }
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedInputException malformed) {
                throw malformed;
            }
            throw new MalformedInputException("The PEM text does not decode", e);
        }
        if (blocks.isEmpty()) {
            throw new MalformedInputException("No PEM block of type " + allowedTypes + " found");
        }
        return blocks;
    }

    private interface Encoding {
        byte[] get() throws IOException;
    }

    private static byte[] encoded(Encoding encoding) {
        try {
            return encoding.get();
        } catch (IOException e) {
            throw new IllegalStateException("Bouncy Castle could not re-encode its own structure", e);
        }
    }
}
