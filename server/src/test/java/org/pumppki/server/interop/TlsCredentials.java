package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.List;
import org.pumppki.ca.crypto.Pem;

/**
 * A certificate chain and its private key as PEM files, the way FreeRADIUS and wpa_supplicant
 * (eapol_test) read them.
 *
 * @param certificateChain the certificate first, then the CAs that issued it
 * @param privateKey the unencrypted PKCS#8 private key, readable by its owner only
 */
record TlsCredentials(Path certificateChain, Path privateKey) {

    /** Writes {@code name}.pem and {@code name}.key into {@code directory}. */
    static TlsCredentials write(Path directory, String name, PrivateKey key, List<String> certificatesPem) {
        Path chain = directory.resolve(name + ".pem");
        Path keyFile = directory.resolve(name + ".key");
        writePem(chain, certificatesPem);
        writeOwnerOnly(keyFile, Pem.encode("PRIVATE KEY", key.getEncoded()));
        return new TlsCredentials(chain, keyFile);
    }

    /** Writes PEM blocks one after another into {@code file}. */
    static Path writePem(Path file, List<String> pemBlocks) {
        StringBuilder text = new StringBuilder();
        pemBlocks.forEach(block -> text.append(block.strip()).append('\n'));
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
