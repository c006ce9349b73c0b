package org.pumppki.ca.service.revocation;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.NotIssuedPolicy;
import org.pumppki.ca.crypto.OcspIssuer;
import org.pumppki.ca.crypto.OcspCacheKey;
import org.pumppki.ca.crypto.OcspReply;
import org.pumppki.ca.crypto.OcspRequestSummary;
import org.pumppki.ca.crypto.OcspResponder;
import org.pumppki.ca.crypto.OcspResponseStatus;
import org.pumppki.ca.service.ScheduledWork;
import org.pumppki.ca.service.authority.AuthoritiesChanged;
import org.pumppki.ca.service.authority.CaBootstrap;

/**
 * Answers OCSP requests from the in-memory status index. A request with a nonce gets a response
 * signed for it; a request without one gets a pre-signed response, signed once per certificate and
 * hash algorithm and replaced when the status changes or half its validity is gone. Every lookup
 * is recorded for the scheduler's flags without touching the database on the way.
 */
@ApplicationScoped
public class OcspService {

    /** What to send back and how the door should label it. */
    public record Answer(OcspReply reply, boolean presigned) {
    }

    private static final Logger LOG = Logger.getLogger(OcspService.class);
    /** Two hash algorithms for a fleet of 100k pumps, with room to spare. */
    private static final int MAX_PRESIGNED = 250_000;

    private final OcspResponders responders;
    private final OcspStatusIndex index;
    private final OcspLookupRecorder recorder;
    private final Clock clock;
    private final Duration validity;
    private final NotIssuedPolicy notIssuedPolicy;
    private final ScheduledWork work;
    private final PresignedAnswers presigned = new PresignedAnswers(MAX_PRESIGNED);
    private volatile OcspResponder responder;
    private volatile Set<BigInteger> installed = Set.of();
    private volatile boolean signersInMemory;

    OcspService(OcspResponders responders, OcspStatusIndex index, OcspLookupRecorder recorder, Clock clock,
            PkiConfig config, ScheduledWork work) {
        this.responders = responders;
        this.work = work;
        this.index = index;
        this.recorder = recorder;
        this.clock = clock;
        this.validity = config.ocsp().responseValidity();
        this.notIssuedPolicy = switch (config.ocsp().notIssued().trim().toLowerCase(Locale.ROOT)) {
            case "revoked" -> NotIssuedPolicy.REVOKED;
            case "unknown" -> NotIssuedPolicy.UNKNOWN;
            default -> throw new IllegalStateException("pki.ocsp.not-issued must be revoked or unknown");
        };
        index.addListener(new OcspStatusIndex.Listener() {
            @Override
            public void changed(String issuerId, BigInteger serial) {
                presigned.forget(key -> key.issuerId().equals(issuerId) && key.serial().equals(serial));
            }

            @Override
            public void reloaded() {
                presigned.clear();
            }
        });
    }

    /**
     * A request as read, with its lookups already recorded: answered at once by
     * {@link #answerFromMemory} when nothing needs signing, else by {@link #answer(Question)}.
     */
    public static final class Question {
        private final OcspResponder responder;
        private final OcspResponder.Read request;
        private final Instant at;

        private Question(OcspResponder responder, OcspResponder.Read request, Instant at) {
            this.responder = responder;
            this.request = request;
            this.at = at;
        }

        private Optional<OcspCacheKey> cacheKey() {
            OcspRequestSummary summary = request.summary();
            return summary.wellFormed() && !summary.hasNonce() ? summary.cacheKey() : Optional.empty();
        }
    }

    /** Answers a DER-encoded request; never throws, whatever the bytes. */
    public Answer answer(byte[] request, String requester) {
        return answer(read(request, requester));
    }

    /** Reads a request and records its lookups; never throws, whatever the bytes. */
    public Question read(byte[] request, String requester) {
        OcspResponder current = responder;
        Instant now = clock.instant();
        if (current == null) {
            return new Question(null, null, now);
        }
        OcspResponder.Read read = current.read(request);
        read.summary().servedCertIds().forEach(key -> recorder.record(key.issuerId(), key.serial(), requester, now));
        return new Question(current, read, now);
    }

    /**
     * The answer when it needs no signature now (no responder yet, a malformed request, or a
     * pre-signed answer still fresh), for the caller to send without handing the request to a
     * thread that may sign.
     */
    public Optional<Answer> answerFromMemory(Question question) {
        if (question.responder == null) {
            return Optional.of(new Answer(OcspReply.unsigned(OcspResponseStatus.TRY_LATER, null), false));
        }
        if (!question.request.summary().wellFormed()) {
            return Optional.of(new Answer(question.responder.respond(question.request), false));
        }
        return question.cacheKey()
                .flatMap(presigned::get)
                .filter(cached -> stillFresh(cached, question.at))
                .map(cached -> new Answer(cached, true));
    }

    /** Answers a request read by {@link #read}, signing if it must; never throws. */
    public Answer answer(Question question) {
        if (question.responder == null) {
            return new Answer(OcspReply.unsigned(OcspResponseStatus.TRY_LATER, null), false);
        }
        Optional<OcspCacheKey> cacheKey = question.cacheKey();
        if (cacheKey.isPresent()) {
            return new Answer(presigned(question.responder, cacheKey.get(), question.at), true);
        }
        return new Answer(question.responder.respond(question.request), false);
    }

    /** How many pre-signed answers are kept, for metrics and tests. */
    public int presignedAnswers() {
        return presigned.size();
    }

    /**
     * Whether every responder key signs in memory, so that a signature is a fraction of a
     * millisecond of CPU and never waits on a token: such requests may be answered on the thread
     * that read them instead of being handed to a worker thread.
     */
    public boolean signsWithoutWaiting() {
        return signersInMemory;
    }

    /** Whether a responder is in place for every active issuing CA. */
    public boolean ready() {
        return responder != null;
    }

    void start(@Observes @Priority(CaBootstrap.PRIORITY + 20) StartupEvent event) {
        rebuild();
    }

    void onAuthoritiesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuthoritiesChanged change) {
        rebuild();
    }

    /**
     * Rotates responders before they expire, and takes up responders another replica rotated;
     * cheap when nothing changed. On every replica: each installs the responders it answers with.
     */
    @Scheduled(every = "${pki.ocsp.rotation-check:15m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            executeWith = Scheduled.SIMPLE)
    void rotate() {
        work.run(this::rotateIfDue);
    }

    private void rotateIfDue() {
        try {
            OcspResponders.Current current = responders.ensureCurrent();
            if (!serials(current.issuers()).equals(installed)) {
                install(current);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot check the OCSP responder certificates: %s", e.getMessage());
        }
    }

    private void rebuild() {
        install(responders.ensureCurrent());
    }

    private synchronized void install(OcspResponders.Current current) {
        responder = new OcspResponder(current.issuers(), index, clock, validity, notIssuedPolicy);
        installed = serials(current.issuers());
        signersInMemory = current.signersInMemory();
        presigned.clear();
    }

    private static Set<BigInteger> serials(List<OcspIssuer> issuers) {
        return issuers.stream().map(issuer -> issuer.responderCertificate().getSerialNumber()).collect(Collectors.toSet());
    }

    private OcspReply presigned(OcspResponder current, OcspCacheKey key, Instant now) {
        Optional<OcspReply> cached = presigned.get(key);
        if (cached.isPresent() && stillFresh(cached.get(), now)) {
            return cached.get();
        }
        long before = index.version();
        OcspReply fresh = current.presign(key);
        // Serials nobody issued are answered but never kept: they cannot crowd out the fleet's answers.
        // Cache only if no status changed while signing; the index bumps its version before it tells
        // this cache, and the store excludes the removal.
        if (index.entry(key.issuerId(), key.serial()).isPresent()) {
            presigned.offer(key, fresh, () -> index.version() == before);
        }
        return fresh;
    }

    /** Replaced once half the validity is gone, so caches downstream never hold a stale answer long. */
    private boolean stillFresh(OcspReply reply, Instant now) {
        return reply.nextUpdate().map(next -> now.isBefore(next.minus(validity.dividedBy(2)))).orElse(false);
    }
}
