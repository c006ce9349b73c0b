package org.pumppki.ca.crypto;

import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

/** A signer that works until told to fail, like an HSM whose session drops after start-up. */
final class FailingSigner implements ContentSigner {

    private final ContentSigner delegate;
    private volatile boolean failing;

    FailingSigner(ContentSigner delegate) {
        this.delegate = delegate;
    }

    void failFromNowOn() {
        failing = true;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return delegate.getAlgorithmIdentifier();
    }

    @Override
    public OutputStream getOutputStream() {
        return delegate.getOutputStream();
    }

    @Override
    public byte[] getSignature() {
        if (failing) {
            throw new RuntimeOperatorException("HSM session closed");
        }
        return delegate.getSignature();
    }
}
