package org.pumppki.ca.crypto;

import java.io.IOException;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;

/**
 * OCSPResponseStatus (RFC 6960 §4.2.1). Every status but {@link #SUCCESSFUL} is sent unsigned and
 * has a fixed encoding, which is computed once.
 */
public enum OcspResponseStatus {
    SUCCESSFUL(OCSPRespBuilder.SUCCESSFUL),
    MALFORMED_REQUEST(OCSPRespBuilder.MALFORMED_REQUEST),
    INTERNAL_ERROR(OCSPRespBuilder.INTERNAL_ERROR),
    TRY_LATER(OCSPRespBuilder.TRY_LATER),
    SIG_REQUIRED(OCSPRespBuilder.SIG_REQUIRED),
    UNAUTHORIZED(OCSPRespBuilder.UNAUTHORIZED);

    private final int code;
    private final byte[] unsignedResponse;

    OcspResponseStatus(int code) {
        this.code = code;
        this.unsignedResponse = code == OCSPRespBuilder.SUCCESSFUL ? null : encodeUnsigned(code);
    }

    public int code() {
        return code;
    }

    /** The DER of an OCSPResponse with this status and no responseBytes. */
    byte[] unsignedResponse() {
        if (unsignedResponse == null) {
            throw new IllegalStateException("A successful response is always signed");
        }
        return unsignedResponse.clone();
    }

    private static byte[] encodeUnsigned(int code) {
        try {
            return new OCSPRespBuilder().build(code, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("An unsigned OCSP status always encodes", e);
        }
    }
}
