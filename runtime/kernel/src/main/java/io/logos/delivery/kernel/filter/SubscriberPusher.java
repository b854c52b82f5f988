package io.logos.delivery.kernel.filter;

import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes to one subscriber, in order, one frame at a time, on one push stream it keeps open (a new one
 * when it closed), as nwaku does. Frames wait in a bounded queue; when a slow subscriber lets it fill up,
 * further frames are dropped. A write only completes once the subscriber's flow-control window took it,
 * so the queue really holds what the subscriber has not read. Thread-safe; never blocks.
 */
final class SubscriberPusher {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberPusher.class);

    private final Host host;
    private final PeerId peer;
    private final int capacity;
    private final Duration timeout;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean overflowing;
    private boolean closed;
    private FramedStream stream;

    SubscriberPusher(Host host, PeerId peer, int capacity, Duration timeout) {
        this.host = host;
        this.peer = peer;
        this.capacity = capacity;
        this.timeout = timeout;
    }

    /** Queues {@code frame}; false when it was dropped because the queue is full or the pusher closed. */
    boolean offer(byte[] frame) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() >= capacity) {
                if (!overflowing) {
                    overflowing = true;
                    LOG.warn("Filter subscriber {} reads too slowly: {} pushes wait, dropping new ones", peer, capacity);
                }
                return false;
            }
            queue.add(frame);
            if (sending) {
                return true;
            }
            sending = true;
        }
        sendNext();
        return true;
    }

    private void sendNext() {
        byte[] frame;
        synchronized (this) {
            frame = closed ? null : queue.poll();
            if (frame == null) {
                sending = false;
                overflowing = false;
                return;
            }
        }
        send(frame).whenComplete((sent, failure) -> {
            if (failure != null) {
                LOG.debug("Filter push to {} failed: {}", peer, failure.toString());
            }
            sendNext();
        });
    }

    /**
     * Writes {@code frame} on the open push stream, or on a new one when there is none or the write fails
     * (the subscriber may have closed the stream since the last push). Once the timeout passed, the
     * stream is reset and nothing more is tried: the next frame is already on its way.
     */
    private CompletableFuture<Void> send(byte[] frame) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        FramedStream reusable = openStream();
        CompletableFuture<Void> written = reusable == null ? writeOnNewStream(frame, result)
                : reusable.write(frame).exceptionallyCompose(failure -> {
                    discard(reusable);
                    return writeOnNewStream(frame, result);
                });
        written.whenComplete((ok, failure) -> {
            if (failure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
            if (failure != null) {
                discard(openStream());
            }
        });
    }

    private CompletableFuture<Void> writeOnNewStream(byte[] frame, CompletableFuture<Void> result) {
        if (result.isDone()) {
            return timedOut();
        }
        return host.newFramedStream(peer, List.of(FilterProtocol.PUSH_ID), FilterProtocol.MAX_REQUEST_OR_PUSH_BYTES)
                .thenCompose(opened -> {
                    if (!adopt(opened)) {
                        opened.close();
                        return CompletableFuture.failedFuture(new IllegalStateException("pusher closed"));
                    }
                    return result.isDone() ? timedOut() : opened.write(frame);
                });
    }

    private CompletableFuture<Void> timedOut() {
        return CompletableFuture.failedFuture(new TimeoutException("push to " + peer + " timed out"));
    }

    private synchronized FramedStream openStream() {
        return stream != null && stream.isOpen() ? stream : null;
    }

    private boolean adopt(FramedStream opened) {
        FramedStream replaced;
        synchronized (this) {
            if (closed) {
                return false;
            }
            replaced = stream;
            stream = opened;
        }
        if (replaced != null) {
            replaced.close();
        }
        // the subscriber never writes here: its end of stream means it closed the stream, so later
        // pushes go on a new one (nwaku skips streams closed remotely too)
        opened.read().whenComplete((frame, failure) -> retire(opened));
        return true;
    }

    private void retire(FramedStream ended) {
        synchronized (this) {
            if (stream == ended) {
                stream = null;
            }
        }
        ended.close();
    }

    private void discard(FramedStream broken) {
        synchronized (this) {
            if (broken == null || stream != broken) {
                return;
            }
            stream = null;
        }
        broken.reset();
    }

    /** Drops what waits and closes the push stream. */
    CompletableFuture<Void> close() {
        FramedStream open;
        synchronized (this) {
            closed = true;
            queue.clear();
            open = stream;
            stream = null;
        }
        return open == null ? CompletableFuture.completedFuture(null)
                : open.close().exceptionally(ignored -> null);
    }
}
