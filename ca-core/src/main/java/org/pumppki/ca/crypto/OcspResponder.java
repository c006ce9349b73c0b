package org.pumppki.ca.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;

/**
 * Answers OCSP requests (RFC 6960, with the RFC 5019 lightweight profile and RFC 8954/9654
 * nonces) as a pure function of the request bytes, the status store and the clock.
 *
 * <ul>
 *   <li>CertIDs hashed with SHA-1 or SHA-256 are matched against every served CA and echoed
 *       exactly as received, so the client finds its own CertID in the answer.</li>
 *   <li>The response is signed by the delegated responder of the CA named by the first CertID we
 *       serve; CertIDs of other CAs in the same request are answered {@code unknown}, since that
 *       responder cannot vouch for them. If no CertID names a served CA the answer is the unsigned
 *       {@code unauthorized} status.</li>
 *   <li>A nonce extension is echoed byte for byte (FreeRADIUS and OpenSSL compare the extension
 *       value octets). A nonce of zero or more than 128 octets is {@code malformedRequest}.</li>
 *   <li>Every signed response has producedAt, thisUpdate = now and nextUpdate = now + validity, a
 *       byKey ResponderID and the responder certificate in {@code certs}.</li>
 *   <li>Bad input never throws: it is answered {@code malformedRequest}. A failing status lookup is
 *       answered {@code tryLater} and a failing signer {@code internalError}, with the cause in the
 *       {@link OcspReply}. Request signatures are not verified (see {@link OcspRequestParser}).</li>
 * </ul>
 *
 * <p>Thread-safe; each {@link OcspIssuer} decides how many responses it signs at once.
 */
public final class OcspResponder {

    /** RFC 6960 §2.2: a non-issued certificate is reported revoked as of the epoch, on hold. */
    private static final Date NOT_ISSUED_REVOCATION_TIME = Date.from(Instant.EPOCH);

    private final Map<String, OcspIssuer> issuers = new LinkedHashMap<>();
    private final CertificateStatusLookup lookup;
    private final Clock clock;
    private final Duration validity;
    private final NotIssuedPolicy notIssuedPolicy;

    /**
     * @param validity how long each answer may be relied on: nextUpdate - thisUpdate
     */
    public OcspResponder(List<OcspIssuer> servedIssuers, CertificateStatusLookup lookup, Clock clock, Duration validity,
            NotIssuedPolicy notIssuedPolicy) {
        for (OcspIssuer issuer : servedIssuers) {
            if (issuers.putIfAbsent(issuer.id(), issuer) != null) {
                throw new IllegalArgumentException("Two served issuers share the id " + issuer.id());
            }
        }
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("The response validity must be positive");
        }
        this.validity = validity;
        this.notIssuedPolicy = Objects.requireNonNull(notIssuedPolicy, "notIssuedPolicy");
    }

    /** Answers a DER-encoded OCSPRequest. Never throws. */
    public OcspReply respond(byte[] request) {
        return respond(read(request));
    }

    /** Answers a request read by {@link #read}, without parsing it again. Never throws. */
    public OcspReply respond(Read request) {
        if (request.parsed == null) {
            return OcspReply.unsigned(request.unreadable, request.failure);
        }
        try {
            List<Question> questions = new ArrayList<>(request.parsed.certIds().size());
            OcspIssuer responding = null;
            for (int i = 0; i < request.parsed.certIds().size(); i++) {
                OcspIssuer issuer = request.issuers.get(i);
                if (responding == null) {
                    responding = issuer;
                }
                questions.add(new Question(request.parsed.certIds().get(i), issuer == responding ? issuer : null));
            }
            if (responding == null) {
                return OcspReply.unsigned(OcspResponseStatus.UNAUTHORIZED, null);
            }
            return answer(responding, questions, request.parsed.nonce());
        } catch (RuntimeException e) {
            return OcspReply.unsigned(OcspResponseStatus.INTERNAL_ERROR, e);
        }
    }

    /**
     * A response for one certificate without a nonce, as a client sending the equivalent request
     * would get it; for signing ahead of time and serving to nonce-less requests from a cache.
     *
     * @throws IllegalArgumentException if {@code key} names an issuer this responder does not serve
     */
    public OcspReply presign(OcspCacheKey key) {
        OcspIssuer issuer = issuers.get(key.issuerId());
        if (issuer == null) {
            throw new IllegalArgumentException("This responder does not serve issuer " + key.issuerId());
        }
        return answer(issuer, List.of(new Question(issuer.certIdFor(key.serial(), key.hashAlgorithm()), issuer)), Optional.empty());
    }

    /** Reads a request without answering it. Never throws. */
    public OcspRequestSummary summarize(byte[] request) {
        return read(request).summary();
    }

    /**
     * Parses a request once and matches its CertIDs to the served CAs, for a caller that looks at
     * the {@link Read#summary() summary} before deciding to {@link #respond(Read) answer} it.
     * Never throws.
     */
    public Read read(byte[] request) {
        OcspRequestParser.ParsedRequest parsed;
        try {
            parsed = OcspRequestParser.parse(request);
        } catch (MalformedInputException e) {
            return new Read(null, List.of(), OcspRequestSummary.malformed(), OcspResponseStatus.MALFORMED_REQUEST, e);
        } catch (RuntimeException e) {
            return new Read(null, List.of(), OcspRequestSummary.malformed(), OcspResponseStatus.INTERNAL_ERROR, e);
        }
        List<OcspIssuer> issuers = new ArrayList<>(parsed.certIds().size());
        List<OcspCacheKey> served = new ArrayList<>();
        for (CertID certId : parsed.certIds()) {
            OcspIssuer issuer = issuerOf(certId);
            issuers.add(issuer);
            if (issuer != null) {
                served.add(new OcspCacheKey(issuer.id(), certId.getSerialNumber().getValue(), certId.getHashAlgorithm()));
            }
        }
        return new Read(parsed, issuers, new OcspRequestSummary(true, parsed.nonce().isPresent(), parsed.certIds().size(), served),
                null, null);
    }

    /** A request parsed, with the served CA of each CertID ({@code null} for none), and what it asks. */
    public static final class Read {
        private final OcspRequestParser.ParsedRequest parsed;
        private final List<OcspIssuer> issuers;
        private final OcspRequestSummary summary;
        /** The unsigned answer to a request that could not be parsed, and why. */
        private final OcspResponseStatus unreadable;
        private final Exception failure;

        private Read(OcspRequestParser.ParsedRequest parsed, List<OcspIssuer> issuers, OcspRequestSummary summary,
                OcspResponseStatus unreadable, Exception failure) {
            this.parsed = parsed;
            this.issuers = issuers;
            this.summary = summary;
            this.unreadable = unreadable;
            this.failure = failure;
        }

        public OcspRequestSummary summary() {
            return summary;
        }
    }

    /** One CertID and the served issuer that answers for it, or {@code null} to answer unknown. */
    private record Question(CertID certId, OcspIssuer issuer) {
    }

    private OcspReply answer(OcspIssuer responding, List<Question> questions, Optional<Extension> nonce) {
        Instant now = PkixTime.truncate(clock.instant());
        Date thisUpdate = Date.from(now);
        Date nextUpdate = Date.from(now.plus(validity));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responding.responderId());
        try {
            for (Question question : questions) {
                builder.addResponse(new CertificateID(question.certId()), statusOf(question), thisUpdate, nextUpdate, null);
            }
        } catch (RuntimeException e) {
            return OcspReply.unsigned(OcspResponseStatus.TRY_LATER, e);
        }
        List<Extension> extensions = new ArrayList<>(2);
        nonce.ifPresent(received -> extensions.add(
                new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, received.getExtnValue())));
        if (notIssuedPolicy == NotIssuedPolicy.REVOKED) {
            // RFC 6960 §4.4.8: must accompany a revoked answer for a non-issued serial, may accompany any.
            extensions.add(ExtensionEncoding.nonCritical(OCSPObjectIdentifiers.id_pkix_ocsp_extended_revoke, DERNull.INSTANCE));
        }
        if (!extensions.isEmpty()) {
            builder.setResponseExtensions(new Extensions(extensions.toArray(Extension[]::new)));
        }
        try {
            byte[] encoded = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, responding.sign(builder, thisUpdate)).getEncoded();
            return OcspReply.signed(encoded, now.plus(validity));
        } catch (OCSPException | IOException | RuntimeException e) {
            return OcspReply.unsigned(OcspResponseStatus.INTERNAL_ERROR, e);
        }
    }

    private org.bouncycastle.cert.ocsp.CertificateStatus statusOf(Question question) {
        if (question.issuer() == null) {
            return new UnknownStatus();
        }
        BigInteger serial = question.certId().getSerialNumber().getValue();
        CertificateStatus status = lookup.statusOf(question.issuer().id(), serial);
        if (status == null) {
            throw new IllegalStateException("The status lookup returned nothing for serial " + serial.toString(16));
        }
        if (status instanceof CertificateStatus.Good) {
            return org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
        }
        if (status instanceof CertificateStatus.Revoked revoked) {
            Date revokedAt = PkixTime.toDate(revoked.revokedAt());
            return revoked.reason().isWrittenAsReasonCode()
                    ? new RevokedStatus(revokedAt, revoked.reason().code())
                    : new RevokedStatus(revokedAt);
        }
        if (status instanceof CertificateStatus.NotIssued && notIssuedPolicy == NotIssuedPolicy.REVOKED) {
            return new RevokedStatus(NOT_ISSUED_REVOCATION_TIME, RevocationReason.CERTIFICATE_HOLD.code());
        }
        return new UnknownStatus();
    }

    private OcspIssuer issuerOf(CertID certId) {
        for (OcspIssuer issuer : issuers.values()) {
            if (issuer.issued(certId)) {
                return issuer;
            }
        }
        return null;
    }
}
