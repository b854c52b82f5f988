package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What we know about one message id we have seen: whether it turned out valid, and who else sent it while it
 * was being validated. Scoring needs this for duplicates (near-first deliveries earn P₃, copies of an invalid
 * message earn P₄) and forwarding skips the peers that already have it.
 */
final class Delivery {

    /** Where validation of the first copy stands. */
    enum Status { VALIDATING, VALID, INVALID, IGNORED }

    private final Instant firstSeen;
    private final Set<PeerId> duplicateSenders = new LinkedHashSet<>();
    private Status status;
    private Instant validatedAt;

    private Delivery(Instant firstSeen, Status status, Instant validatedAt) {
        this.firstSeen = firstSeen;
        this.status = status;
        this.validatedAt = validatedAt;
    }

    /** A message received from a peer, about to be validated. */
    static Delivery validating(Instant now) {
        return new Delivery(now, Status.VALIDATING, null);
    }

    /** A message we published ourselves. */
    static Delivery published(Instant now) {
        return new Delivery(now, Status.VALID, now);
    }

    Instant firstSeen() {
        return firstSeen;
    }

    Status status() {
        return status;
    }

    /** When validation accepted the message; null unless {@link Status#VALID}. */
    Instant validatedAt() {
        return validatedAt;
    }

    /** Peers that sent a copy while the first was being validated. */
    Set<PeerId> duplicateSenders() {
        return duplicateSenders;
    }

    void addDuplicateSender(PeerId peer) {
        duplicateSenders.add(peer);
    }

    void finish(Status result, Instant now) {
        status = result;
        if (result == Status.VALID) {
            validatedAt = now;
        }
    }
}
