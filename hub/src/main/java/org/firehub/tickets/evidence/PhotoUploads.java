package org.firehub.tickets.evidence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.firehub.people.Principal;
import org.firehub.people.Role;
import org.firehub.tickets.Ticket;
import org.firehub.tickets.TicketProblem;
import org.firehub.tickets.TicketService;
import org.firehub.tickets.TicketState;
import org.firehub.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Photos on tickets: who may add one, the decoding on a small worker pool of its own, storage,
 * and reads. Every read goes through {@link TicketService#get}, so a ticket outside the person's
 * scope has no photos either: {@code not_found}, exactly like a missing one.
 */
public final class PhotoUploads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoUploads.class);
    /** Uploads beyond this many per decoder (being received, waiting or decoded) are refused (503 busy). */
    private static final int MAX_UPLOADS_PER_WORKER = 5;

    private final TicketService tickets;
    private final PgEvidenceStore store;
    private final PhotoNormalizer normalizer;
    private final WorkerExecutor decoders;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final EvidencePolicy policy;
    private final Clock clock;
    private final EvidenceMetrics metrics;

    PhotoUploads(Vertx vertx, TicketService tickets, PgEvidenceStore store, EvidencePolicy policy, Clock clock,
                 EvidenceMetrics metrics) {
        this.tickets = tickets;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.metrics = metrics;
        this.normalizer = new PhotoNormalizer(policy.maxPhotoPixels());
        // A pool of its own: decoding a 40 MP photo takes a second of CPU, and must neither block
        // the event loop nor starve the shared workers that run JDBC and fsync.
        this.decoders = vertx.createSharedWorkerExecutor("firehub-photo-decoder", policy.photoWorkers());
        this.maxInFlight = policy.photoWorkers() * MAX_UPLOADS_PER_WORKER;
        metrics.uploadsInProgress(inFlight);
    }

    public int maxPhotoBytes() {
        return policy.maxPhotoBytes();
    }

    /**
     * Takes one of the bounded upload slots, before the body is even received: every upload
     * holds up to {@code photo_max_mib} of heap from its first byte, so the bound must hold from
     * there, whoever sends it (authentication comes after the body). False, and counted as
     * {@code busy}, when all are taken; else the caller must {@link #release} it when done.
     */
    public boolean admit() {
        if (inFlight.incrementAndGet() <= maxInFlight) return true;
        inFlight.decrementAndGet();
        metrics.busy();
        return false;
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    /** Counts an upload refused before it reached {@link #add} (the body limit). */
    public void refusedTooLarge() {
        metrics.refused(PhotoRefused.TOO_LARGE);
    }

    /** Adds a photo to ticket {@code ticketId} (in a slot taken with {@link #admit}); the stored photo's metadata. */
    public Future<PhotoEvidence> add(Principal who, long ticketId, Buffer body, Optional<String> note,
                                     Optional<String> sourceAddress) {
        Optional<String> cleanNote = note.map(String::strip).filter(n -> !n.isEmpty());
        if (cleanNote.isPresent() && cleanNote.get().length() > TicketService.MAX_NOTE_LENGTH) {
            return Future.failedFuture(TicketProblem.invalid("note must be at most " + TicketService.MAX_NOTE_LENGTH + " characters"));
        }
        return tickets.get(who, ticketId).compose(ticket -> {
            mayAdd(who, ticket);
            if (body.length() > policy.maxPhotoBytes()) {
                throw rejected(new PhotoRejection(PhotoRefused.TOO_LARGE, "photo of " + body.length()
                        + " bytes; at most " + policy.maxPhotoBytes() + " are accepted"));
            }
            if (body.length() == 0) throw rejected(new PhotoRejection(PhotoRefused.NOT_AN_IMAGE, "empty body: send the photo's bytes"));
            return normalized(body.getBytes()).compose(photo -> store.add(ticketId, ticket.state(), photo, who,
                    clock.instant(), cleanNote, sourceAddress).compose(id -> {
                if (id.isEmpty()) {
                    return Future.failedFuture(new TicketProblem(TicketProblem.Code.CONFLICT,
                            "ticket " + ticketId + " was changed meanwhile; read it again before adding a photo"));
                }
                metrics.stored();
                LOG.info("ticket {}: photo {} ({}x{}, {} bytes, sha256 {}) by {}", ticketId, id.get(), photo.width(),
                        photo.height(), photo.jpeg().length, photo.sha256(), who.username());
                return Future.succeededFuture(new PhotoEvidence(id.get(), ticketId, "image/jpeg", photo.uploadedType(),
                        photo.sha256(), photo.width(), photo.height(), photo.jpeg().length, who.userId(), who.username(),
                        clock.instant(), ticket.state().name(), cleanNote));
            }));
        });
    }

    public Future<List<PhotoEvidence>> list(Principal who, long ticketId) {
        return tickets.get(who, ticketId).compose(ticket -> store.list(ticketId));
    }

    /** The photo's JPEG bytes; {@code not_found} when it is not a photo of this ticket. */
    public Future<Buffer> photo(Principal who, long ticketId, long evidenceId) {
        return tickets.get(who, ticketId).compose(ticket -> store.bytes(ticketId, evidenceId)).compose(bytes -> bytes
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new TicketProblem(TicketProblem.Code.NOT_FOUND,
                        "ticket " + ticketId + " has no evidence " + evidenceId))));
    }

    /**
     * Who may add a photo now: while the work is being done, the people doing it (the assignee,
     * the venue's owner); supervisors and admins at any non-final step (a photo of the hazard as
     * found, or from the verification visit). A closed record takes no more evidence.
     */
    private static void mayAdd(Principal who, Ticket ticket) {
        if (ticket.state().isFinal()) {
            throw new TicketProblem(TicketProblem.Code.ILLEGAL_TRANSITION, "ticket " + ticket.id() + " is "
                    + ticket.state() + ": a final ticket takes no more evidence");
        }
        if (who.hasAnyRole(Role.ADMIN, Role.SUPERVISOR)) return;
        // The ticket was read through the person's scope: an owner who sees it owns its venue.
        boolean worker = ticket.isAssignee(who.userId()) || who.role() == Role.VENUE_OWNER;
        if (!worker) {
            throw new TicketProblem(TicketProblem.Code.FORBIDDEN, "only the assignee, the venue's owner, a supervisor or an"
                    + " admin may add photos to ticket " + ticket.id());
        }
        if (ticket.state() != TicketState.RECTIFYING) {
            throw new TicketProblem(TicketProblem.Code.FORBIDDEN, "photos of the work are added while the ticket is"
                    + " RECTIFYING; ticket " + ticket.id() + " is " + ticket.state());
        }
    }

    /** Decoded on the decoder pool: at most {@code photo_workers} at once, the others wait their turn. */
    private Future<NormalizedPhoto> normalized(byte[] upload) {
        return decoders.<NormalizedPhoto>executeBlocking(() -> normalizer.normalize(upload), false)
                .recover(e -> Future.failedFuture(e instanceof PhotoRejection r ? rejected(r) : e));
    }

    private RuntimeException rejected(PhotoRejection rejection) {
        metrics.refused(rejection.reason());
        return new ApiProblem(rejection.reason().status(), rejection.reason().code(), rejection.getMessage());
    }

    @Override
    public void close() {
        decoders.close();
    }
}
