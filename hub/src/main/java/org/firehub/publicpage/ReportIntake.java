package org.firehub.publicpage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.firehub.risk.RiskService;
import org.firehub.tickets.FindingOutcome;
import org.firehub.tickets.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resident's hazard report, from the JSON API or the page's form: cheap spam checks first
 * (honeypot, signed form time, description length, photo size), then the per-address and
 * per-venue allowances, then the photo's re-encoding (worker thread), then
 * {@link TicketService#fromResidentReport} (one OPEN {@code resident_report} ticket per venue;
 * repeats add occurrences) and the photo row. Every outcome is counted in
 * {@code firehub_public_reports_total{outcome}}.
 */
final class ReportIntake {
    static final int MIN_DESCRIPTION = 10;
    static final int MAX_DESCRIPTION = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ReportIntake.class);

    /**
     * What the resident sent. {@code honeypot}: the hidden field a person leaves empty;
     * {@code photoSize}: the upload's size, known before its bytes are read (0 without a photo).
     */
    record Submission(String description, String honeypot, String formToken, Optional<Buffer> photo, long photoSize) {
        static Submission withoutPhoto(String description, String honeypot, String formToken) {
            return new Submission(description, honeypot, formToken, Optional.empty(), 0);
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final TicketService tickets;
    private final RiskService risk;
    private final FormTokens formTokens;
    private final RateLimiter perAddress;
    private final RateLimiter perVenue;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    ReportIntake(Vertx vertx, Pool pool, TicketService tickets, RiskService risk, FormTokens formTokens,
                 PublicPageSettings settings, MeterRegistry meters) {
        this.vertx = vertx;
        this.pool = pool;
        this.tickets = tickets;
        this.risk = risk;
        this.formTokens = formTokens;
        this.perAddress = new RateLimiter(settings.reportsPerAddress(), settings.rateWindow(), settings.clock());
        this.perVenue = new RateLimiter(settings.reportsPerVenue(), settings.rateWindow(), settings.clock());
        this.clock = settings.clock();
        this.meters = meters;
        for (ReportRefused.Reason r : ReportRefused.Reason.values()) counter(r.code);
        counter("accepted");
        counter("failed");
    }

    /** Succeeds when the report is recorded; fails with {@link ReportRefused} or the store's failure. */
    Future<FindingOutcome> submit(PublicVenue venue, Submission s, String address) {
        String text;
        try {
            text = screen(venue, s, address);
        } catch (ReportRefused refused) {
            counter(refused.reason().code).increment();
            return Future.failedFuture(refused);
        }
        Future<Optional<byte[]>> photo = s.photo().isEmpty() ? Future.succeededFuture(Optional.empty())
                : vertx.executeBlocking(() -> Optional.of(PhotoCheck.reencode(s.photo().get().getBytes())), false);
        return photo.compose(jpeg -> tickets.fromResidentReport(venue.id(), text, address)
                        .compose(outcome -> jpeg.isEmpty() ? Future.succeededFuture(outcome)
                                : storePhoto(outcome.ticketId(), jpeg.get()).map(outcome)))
                .onSuccess(outcome -> {
                    counter("accepted").increment();
                    risk.invalidate(venue.id());
                })
                .onFailure(e -> {
                    if (e instanceof ReportRefused refused) {
                        counter(refused.reason().code).increment();
                    } else {
                        counter("failed").increment();
                        LOG.warn("resident report for venue {} from {} failed: {}", venue.id(), address, e.toString());
                    }
                });
    }

    /** The cheap checks and the allowances; returns the description to record. */
    private String screen(PublicVenue venue, Submission s, String address) {
        if (s.honeypot() != null && !s.honeypot().isEmpty()) {
            throw new ReportRefused(ReportRefused.Reason.HONEYPOT, "this form was filled in by a program");
        }
        FormTokens.Problem problem = formTokens.check(s.formToken(), venue.qrToken());
        if (problem != null) {
            ReportRefused.Reason reason = ReportRefused.Reason.valueOf(problem.name());
            throw new ReportRefused(reason, switch (problem) {
                case TOO_FAST -> "the form was sent too quickly; please take a moment and send it again";
                case FORM_EXPIRED -> "the form has expired; reload the page and send it again";
                case BAD_FORM_TOKEN -> "the form is incomplete; reload the page and send it again";
            });
        }
        String text = s.description() == null ? "" : s.description().strip();
        int length = text.codePointCount(0, text.length());
        if (length < MIN_DESCRIPTION) {
            throw new ReportRefused(ReportRefused.Reason.TOO_SHORT, "description must have at least " + MIN_DESCRIPTION + " characters");
        }
        if (length > MAX_DESCRIPTION) {
            throw new ReportRefused(ReportRefused.Reason.TOO_LONG, "description must have at most " + MAX_DESCRIPTION + " characters");
        }
        if (s.photoSize() > PhotoCheck.MAX_BYTES) {
            throw new ReportRefused(ReportRefused.Reason.PHOTO_TOO_LARGE, "photo larger than 5 MiB");
        }
        Optional<Duration> wait = perAddress.tryAcquire(address);
        if (wait.isEmpty()) {
            wait = perVenue.tryAcquire(Long.toString(venue.id()));
            if (wait.isPresent()) perAddress.release(address);
        }
        if (wait.isPresent()) {
            throw new ReportRefused(ReportRefused.Reason.THROTTLED, "too many reports; please try again later", wait);
        }
        return text;
    }

    private Future<Void> storePhoto(long ticketId, byte[] jpeg) {
        return pool.preparedQuery("INSERT INTO public_report_photos (ticket_id, received_at, media_type, sha256, bytes)"
                        + " VALUES ($1, $2, 'image/jpeg', $3, $4)")
                .execute(Tuple.of(ticketId, clock.instant().atOffset(ZoneOffset.UTC), Buffer.buffer(sha256(jpeg)),
                        Buffer.buffer(jpeg)))
                .mapEmpty();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Counter counter(String outcome) {
        return outcomes.computeIfAbsent(outcome, o -> Counter.builder("firehub.public.reports").tag("outcome", o)
                .description("resident reports from the public page, by outcome").register(meters));
    }
}
