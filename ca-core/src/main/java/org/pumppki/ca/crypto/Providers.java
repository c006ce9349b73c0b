package org.pumppki.ca.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider instance this package verifies and encrypts with, and signs with for
 * EC and Ed25519 software keys (see {@link AlgorithmPreset#contentSigner}). It is passed to JCA
 * builders explicitly and never registered in {@link java.security.Security}, so loading this
 * package changes nothing for the rest of the JVM.
 */
final class Providers {

    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private Providers() {
    }
}
