package io.logos.delivery.messaging.send;

import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message the send service follows, from {@code send} until it is confirmed, needs nothing more, or is given
 * up. Lives on the delivery thread only.
 */
final class SendTask {

    private static final Logger LOG = LoggerFactory.getLogger(SendTask.class);

    /** Where a task stands; the last four are final, and a task in them is no longer tracked. */
    enum State {
        /** Submitted, not transmitted yet. */
        NEW,
        /** Submitted over the epoch's send budget: waits for a later epoch to be transmitted at all. */
        AWAITING_BUDGET,
        /** A transmission is walking the send chain. */
        SENDING,
        /** Nothing took it this round (or a store did not have it): transmitted again in the next round. */
        AWAITING_RETRY,
        /** Peers took it; a store has not confirmed it yet. */
        PROPAGATED,
        /** A store holds it: {@code message:sent} was emitted. */
        CONFIRMED,
        /** Propagated, and no confirmation was wanted (ephemeral, or store confirmation off). */
        DONE,
        /** Given up with {@code message:send-error}: refused, or not propagated in time. */
        FAILED,
        /** Propagated, but no store confirmed it in time: dropped without an event. */
        UNCONFIRMED
    }

    private final RequestId id;
    private final OutgoingMessage message;
    private State state;
    private Optional<Instant> firstTransmission = Optional.empty();
    private Optional<Instant> firstPropagation = Optional.empty();
    private int transmissions;

    SendTask(RequestId id, OutgoingMessage message) {
        this.id = id;
        this.message = message;
        this.state = State.NEW;
        LOG.debug("{}: submitted on {}", this, message.pubsubTopic());
    }

    RequestId id() {
        return id;
    }

    OutgoingMessage message() {
        return message;
    }

    State state() {
        return state;
    }

    void moveTo(State next, String why) {
        LOG.debug("{}: {} -> {} ({})", this, state, next, why);
        state = next;
    }

    /** Starts a transmission at {@code now}; the first one opens the propagation window. */
    void transmitting(Instant now) {
        if (firstTransmission.isEmpty()) {
            firstTransmission = Optional.of(now);
        }
        transmissions++;
        moveTo(State.SENDING, "transmission " + transmissions);
    }

    /** Records a propagation at {@code now}; true the first time, when {@code message:send-propagated} is due. */
    boolean propagatedAt(Instant now) {
        if (firstPropagation.isPresent()) {
            return false;
        }
        firstPropagation = Optional.of(now);
        return true;
    }

    /** Transmitted, never propagated, and the first transmission was more than {@code window} ago. */
    boolean sendWindowClosed(Instant now, Duration window) {
        return firstPropagation.isEmpty()
                && firstTransmission.filter(first -> now.isAfter(first.plus(window))).isPresent();
    }

    /** Propagated more than {@code window} ago and still tracked: no store confirmed it. */
    boolean confirmationWindowClosed(Instant now, Duration window) {
        return firstPropagation.filter(first -> now.isAfter(first.plus(window))).isPresent();
    }

    /** Waiting for confirmation, and propagated at least {@code archiveTime} ago: a store should hold it. */
    boolean dueForStoreCheck(Instant now, Duration archiveTime) {
        return state == State.PROPAGATED
                && firstPropagation.filter(first -> !now.isBefore(first.plus(archiveTime))).isPresent();
    }

    @Override
    public String toString() {
        return "message " + message.hash() + " of request " + id;
    }
}
