package org.pumppki.ca.service.flag;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.Finding;
import org.pumppki.ca.store.Flag;
import org.pumppki.ca.store.FlagRepository;
import org.pumppki.ca.store.FlagSearch;
import org.pumppki.ca.store.Page;

/**
 * The flags the scans raise, as people use them: listed with filters, read one by one,
 * acknowledged with a comment (audited). Scans write them through {@link #record} and
 * {@link #resolveNotSeen}, one transaction per batch.
 */
@ApplicationScoped
public class Flags {

    /** A comment long enough to say who does what, short enough for a list. */
    public static final int MAX_COMMENT = 2000;

    private final FlagRepository flags;
    private final AuditLog auditLog;
    private final Clock clock;

    Flags(FlagRepository flags, AuditLog auditLog, Clock clock) {
        this.flags = flags;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Raises or refreshes a batch of findings in one transaction; answers how many flags are new. */
    public int record(List<Finding> findings, Instant seenAt) {
        if (findings.isEmpty()) {
            return 0;
        }
        // One statement may not touch a row twice: the last finding about a (kind, subject) wins.
        Map<String, Finding> distinct = new java.util.LinkedHashMap<>();
        findings.forEach(finding -> distinct.put(finding.kind().label() + " " + finding.subject(), finding));
        return QuarkusTransaction.requiringNew().call(() -> flags.upsertAll(List.copyOf(distinct.values()), seenAt));
    }

    /** Resolves the open flags of these kinds that the scan started at {@code scanStart} did not find again. */
    public int resolveNotSeen(Collection<FlagKind> kinds, Instant scanStart) {
        return QuarkusTransaction.requiringNew().call(() -> flags.resolveNotSeenSince(kinds, scanStart, clock.instant()));
    }

    @Transactional
    public Page<FlagSummary> search(FlagSearch search, int page, int size) {
        return flags.search(search, page, size).map(FlagSummary::of);
    }

    @Transactional
    public FlagSummary get(long id) {
        return FlagSummary.of(find(id));
    }

    /** A person saw the flag and says what is being done; the flag stays open until its condition clears. */
    @Transactional
    public FlagSummary acknowledge(Actor actor, long id, String comment) {
        String text = comment == null ? "" : comment.strip();
        if (text.isEmpty()) {
            throw PkiException.invalidInput("comment-required", "Say what is being done about the flag in comment.");
        }
        if (text.length() > MAX_COMMENT) {
            throw PkiException.invalidInput("comment-too-long", "The comment is longer than " + MAX_COMMENT + " characters.");
        }
        Flag flag = flags.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (flag == null) {
            throw notFound(id);
        }
        if (!flag.isOpen()) {
            throw PkiException.conflict("flag-resolved", "The flag was resolved at " + flag.resolvedAt + "; nothing to acknowledge.");
        }
        flag.acknowledgedAt = clock.instant();
        flag.acknowledgedBy = actor.name();
        flag.acknowledgement = text;
        auditLog.record(actor, AuditAction.FLAG_ACKNOWLEDGED, flag.id.toString(),
                Map.of("kind", flag.kind.label(), "subject", flag.subject, "comment", text));
        return FlagSummary.of(flag);
    }

    private Flag find(long id) {
        Flag flag = flags.findById(id);
        if (flag == null) {
            throw notFound(id);
        }
        return flag;
    }

    private static PkiException notFound(long id) {
        return PkiException.notFound("flag-not-found", "No flag " + id + ".");
    }
}
