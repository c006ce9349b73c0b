package org.pumppki.ca.keys;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * The stored form of a soft CA private key: AES-256-GCM under the master key.
 *
 * <pre>
 * offset  length  field
 *  0       1      format version, 1
 *  1       8      check value of the master key that wrapped it ({@link MasterKey#fingerprint()})
 *  9      12      random GCM IV
 * 21      n+16    encrypted private key (PKCS#8), then the 128-bit GCM tag
 * </pre>
 *
 * The associated data covers the header, the key id and the preset, so a blob copied onto another
 * key's record fails authentication instead of signing for the wrong CA. The check value lets a
 * wrong master key be reported as such rather than as corruption.
 */
final class WrappedKeyBlob {

    static final byte VERSION = 1;

    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_LENGTH = 1 + MasterKey.CHECK_VALUE_LENGTH;
    private static final int MIN_LENGTH = HEADER_LENGTH + IV_LENGTH + TAG_BITS / 8;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final String CONTEXT = "PumpPKI wrapped CA key";

    private WrappedKeyBlob() {
    }

    static byte[] wrap(MasterKey masterKey, String keyId, AlgorithmPreset preset, byte[] privateKeyInfo,
            SecureRandom random) {
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = VERSION;
        System.arraycopy(masterKey.checkValue(), 0, header, 1, MasterKey.CHECK_VALUE_LENGTH);
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(header, keyId, preset));
            byte[] sealed = cipher.doFinal(privateKeyInfo);
            byte[] blob = new byte[HEADER_LENGTH + IV_LENGTH + sealed.length];
            System.arraycopy(header, 0, blob, 0, HEADER_LENGTH);
            System.arraycopy(iv, 0, blob, HEADER_LENGTH, IV_LENGTH);
            System.arraycopy(sealed, 0, blob, HEADER_LENGTH + IV_LENGTH, sealed.length);
            return blob;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required by every Java runtime", e);
        }
    }

    /** Returns the PKCS#8 bytes; the caller zeroes them once the key object is built. */
    static byte[] unwrap(MasterKey masterKey, String keyId, AlgorithmPreset preset, byte[] blob) {
        if (blob.length < MIN_LENGTH) {
            throw new WrappedKeyIntegrityException(keyId, "only " + blob.length + " bytes");
        }
        if (blob[0] != VERSION) {
            throw new CaKeyException("The wrapped key of CA key '" + keyId + "' has format version " + blob[0]
                    + "; this version of PumpPKI reads version " + VERSION);
        }
        byte[] header = Arrays.copyOfRange(blob, 0, HEADER_LENGTH);
        byte[] checkValue = Arrays.copyOfRange(header, 1, HEADER_LENGTH);
        if (!masterKey.hasCheckValue(checkValue)) {
            throw new MasterKeyMismatchException(keyId, HexFormat.of().formatHex(checkValue), masterKey);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, masterKey.secretKey(),
                    new GCMParameterSpec(TAG_BITS, blob, HEADER_LENGTH, IV_LENGTH));
            cipher.updateAAD(associatedData(header, keyId, preset));
            int offset = HEADER_LENGTH + IV_LENGTH;
            return cipher.doFinal(blob, offset, blob.length - offset);
        } catch (AEADBadTagException e) {
            throw new WrappedKeyIntegrityException(keyId, "authentication tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required by every Java runtime", e);
        }
    }

    private static byte[] associatedData(byte[] header, String keyId, AlgorithmPreset preset) {
        // Length-prefixed fields, so no two (key id, preset) pairs produce the same bytes.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(CONTEXT);
            out.write(header);
            out.writeUTF(preset.name());
            out.writeUTF(keyId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
