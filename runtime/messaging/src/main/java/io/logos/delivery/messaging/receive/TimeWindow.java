package io.logos.delivery.messaging.receive;

import java.time.Instant;

/** A span of message timestamps a backfill asks store for, both ends included. */
record TimeWindow(Instant from, Instant to) {

    /** The smallest window covering this one and {@code other}. */
    TimeWindow span(TimeWindow other) {
        return new TimeWindow(from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
    }

    long fromNanos() {
        return nanos(from);
    }

    long toNanos() {
        return nanos(to);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    @Override
    public String toString() {
        return "[" + from + " .. " + to + "]";
    }
}
