package io.logos.delivery.api.messaging;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link MessagingApi} delivers. The defaults are nwaku's delivery service.
 *
 * @param clock                 the time every retry window, confirmation and dedup period reads
 * @param serviceLoopInterval   how often sends are retried and confirmed (1 s)
 * @param propagationTimeout    a message not propagated within this time after {@code send} is given up with
 *                              {@code message:send-error} (1 min)
 * @param archiveTime           how long after propagation a store is first asked whether it holds a message (3 s)
 * @param storeCheckInterval    the least time between two confirmation queries (3 s)
 * @param confirmationTimeout   a propagated message no store confirmed within this time is no longer tracked (1 min)
 * @param storeConfirmation     confirm durable messages through store ({@code message:sent}); off, messages are
 *                              done once propagated
 * @param dedupRetention        how long a received message's hash is remembered to drop duplicates (7 min)
 * @param backfillMargin        how far before going offline and after coming back the backfill query reaches (5 s)
 * @param filterPeers           how many filter service peers an edge node keeps subscriptions on (2)
 * @param autoSubscribe         whether sending on a content topic subscribes to it
 * @param sendBudget            the sender-side rate limit; none by default
 * @param stateDirectory        where the layer keeps the last time it was online, so that after a restart it
 *                              backfills the time it was down; nowhere by default (a restart backfills nothing)
 */
public record MessagingOptions(Clock clock, Duration serviceLoopInterval, Duration propagationTimeout,
                               Duration archiveTime, Duration storeCheckInterval, Duration confirmationTimeout,
                               boolean storeConfirmation, Duration dedupRetention, Duration backfillMargin,
                               int filterPeers, AutoSubscribePolicy autoSubscribe, Optional<SendBudget> sendBudget,
                               Optional<Path> stateDirectory) {

    /** nwaku's delivery service on the system clock. */
    public static final MessagingOptions DEFAULT = builder().build();

    public MessagingOptions {
        Objects.requireNonNull(clock, "clock");
        positive(serviceLoopInterval, "serviceLoopInterval");
        positive(propagationTimeout, "propagationTimeout");
        Objects.requireNonNull(archiveTime, "archiveTime");
        Objects.requireNonNull(storeCheckInterval, "storeCheckInterval");
        positive(confirmationTimeout, "confirmationTimeout");
        positive(dedupRetention, "dedupRetention");
        Objects.requireNonNull(backfillMargin, "backfillMargin");
        if (filterPeers < 1) {
            throw new IllegalArgumentException("an edge node needs at least one filter peer, got " + filterPeers);
        }
        Objects.requireNonNull(autoSubscribe, "autoSubscribe");
        Objects.requireNonNull(sendBudget, "sendBudget");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().clock(clock).serviceLoopInterval(serviceLoopInterval).propagationTimeout(propagationTimeout)
                .archiveTime(archiveTime).storeCheckInterval(storeCheckInterval).confirmationTimeout(confirmationTimeout)
                .storeConfirmation(storeConfirmation).dedupRetention(dedupRetention).backfillMargin(backfillMargin)
                .filterPeers(filterPeers).autoSubscribe(autoSubscribe).sendBudget(sendBudget)
                .stateDirectory(stateDirectory);
    }

    /** Builds {@link MessagingOptions}, starting from nwaku's values. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration serviceLoopInterval = Duration.ofSeconds(1);
        private Duration propagationTimeout = Duration.ofMinutes(1);
        private Duration archiveTime = Duration.ofSeconds(3);
        private Duration storeCheckInterval = Duration.ofSeconds(3);
        private Duration confirmationTimeout = Duration.ofMinutes(1);
        private boolean storeConfirmation = true;
        private Duration dedupRetention = Duration.ofMinutes(7);
        private Duration backfillMargin = Duration.ofSeconds(5);
        private int filterPeers = 2;
        private AutoSubscribePolicy autoSubscribe = AutoSubscribePolicy.ALWAYS;
        private Optional<SendBudget> sendBudget = Optional.empty();
        private Optional<Path> stateDirectory = Optional.empty();

        private Builder() {
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder serviceLoopInterval(Duration value) {
            serviceLoopInterval = value;
            return this;
        }

        public Builder propagationTimeout(Duration value) {
            propagationTimeout = value;
            return this;
        }

        public Builder archiveTime(Duration value) {
            archiveTime = value;
            return this;
        }

        public Builder storeCheckInterval(Duration value) {
            storeCheckInterval = value;
            return this;
        }

        public Builder confirmationTimeout(Duration value) {
            confirmationTimeout = value;
            return this;
        }

        public Builder storeConfirmation(boolean value) {
            storeConfirmation = value;
            return this;
        }

        public Builder dedupRetention(Duration value) {
            dedupRetention = value;
            return this;
        }

        public Builder backfillMargin(Duration value) {
            backfillMargin = value;
            return this;
        }

        public Builder filterPeers(int value) {
            filterPeers = value;
            return this;
        }

        public Builder autoSubscribe(AutoSubscribePolicy value) {
            autoSubscribe = value;
            return this;
        }

        public Builder sendBudget(SendBudget value) {
            return sendBudget(Optional.of(value));
        }

        public Builder sendBudget(Optional<SendBudget> value) {
            sendBudget = value;
            return this;
        }

        public Builder stateDirectory(Path value) {
            return stateDirectory(Optional.of(value));
        }

        public Builder stateDirectory(Optional<Path> value) {
            stateDirectory = value;
            return this;
        }

        public MessagingOptions build() {
            return new MessagingOptions(clock, serviceLoopInterval, propagationTimeout, archiveTime, storeCheckInterval,
                    confirmationTimeout, storeConfirmation, dedupRetention, backfillMargin, filterPeers, autoSubscribe,
                    sendBudget, stateDirectory);
        }
    }
}
