package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.Fingerprint;

/**
 * Keeps copies of every committed checkpoint outside the database: a CMS file per checkpoint in the
 * checkpoint directory, and one log line with the whole CMS, which log shipping carries away. Someone
 * who rewrites the database then also has to reach the files and the log archive. Checkpoints are
 * public, verifiable data, so the files are world-readable.
 */
@ApplicationScoped
public class AuditCheckpointExport {

    private static final Logger LOG = Logger.getLogger(AuditCheckpointExport.class);

    private final Path directory;

    AuditCheckpointExport(PkiConfig config) {
        this.directory = directory(config);
    }

    /** {@code pki.audit.checkpoint-directory}, by default {@code <data-dir>/audit-checkpoints}. */
    public static Path directory(PkiConfig config) {
        return config.audit().checkpointDirectory().orElse(config.dataDir().resolve("audit-checkpoints"));
    }

    /** The file of checkpoint {@code id}, named so that the files sort in checkpoint order. */
    public static String fileName(long id) {
        return String.format("audit-checkpoint-%012d.p7m", id);
    }

    void onCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditCheckpoints.Created checkpoint) {
        LOG.infof("Audit checkpoint %d: event %d, hash %s, %d events, CMS SHA-256 %s, CMS %s", checkpoint.id(),
                checkpoint.head().eventId(), checkpoint.head().eventHash(), checkpoint.head().eventCount(),
                Fingerprint.sha256(checkpoint.cms()), Base64.getEncoder().encodeToString(checkpoint.cms()));
        try {
            write(directory.resolve(fileName(checkpoint.id())), checkpoint.cms());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Cannot write audit checkpoint %d to %s: %s; it stays in the database and the log",
                    checkpoint.id(), directory, e.getMessage());
        }
    }

    private void write(Path file, byte[] cms) throws IOException {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".checkpoint-", ".tmp");
        try {
            Files.write(temporary, cms);
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
