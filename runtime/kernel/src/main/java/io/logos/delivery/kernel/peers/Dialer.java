package io.logos.delivery.kernel.peers;

import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Dials peers, at most {@code maxParallel} at once (the rest wait in order), and records the outcome
 * in the peer store: a failure lengthens the peer's backoff, a success resets it. Backoff is not
 * checked here; callers that dial on their own initiative check it first. Thread-safe.
 */
final class Dialer {

    private final Host host;
    private final PeerStore store;
    private final DialBackoff backoff;
    private final int maxParallel;
    private final Clock clock;
    private final Queue<Dial> queue = new ArrayDeque<>();
    private final Map<PeerId, CompletableFuture<PeerId>> underWay = new HashMap<>();
    private int inFlight;

    private record Dial(PeerId peer, List<Multiaddr> addresses, CompletableFuture<PeerId> result) {
    }

    Dialer(Host host, PeerStore store, DialBackoff backoff, int maxParallel, Clock clock) {
        this.host = host;
        this.store = store;
        this.backoff = backoff;
        this.maxParallel = maxParallel;
        this.clock = clock;
    }

    /**
     * Connects to {@code peer}, trying {@code addresses} (transport addresses) in turn. Completes at
     * once when already connected, and joins a dial to the same peer that is queued or in flight.
     */
    CompletableFuture<PeerId> dial(PeerId peer, List<Multiaddr> addresses) {
        if (isConnected(peer)) {
            return CompletableFuture.completedFuture(peer);
        }
        if (addresses.isEmpty()) {
            return CompletableFuture.failedFuture(new IOException("no address known for " + peer));
        }
        CompletableFuture<PeerId> result;
        synchronized (this) {
            CompletableFuture<PeerId> joined = underWay.get(peer);
            if (joined != null) {
                return joined.copy();
            }
            result = new CompletableFuture<>();
            underWay.put(peer, result);
            queue.add(new Dial(peer, List.copyOf(addresses), result));
        }
        startQueued();
        return result.copy();
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return queue.size();
    }

    synchronized boolean isDialing(PeerId peer) {
        return underWay.containsKey(peer);
    }

    private void startQueued() {
        while (true) {
            Dial next;
            synchronized (this) {
                if (inFlight >= maxParallel || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                inFlight++;
            }
            if (isConnected(next.peer())) {
                // It dialed us while it waited in the queue.
                finish(next, null);
            } else {
                attempt(next, 0, null);
            }
        }
    }

    private void attempt(Dial dial, int index, Throwable lastFailure) {
        if (index == dial.addresses().size()) {
            finish(dial, lastFailure);
            return;
        }
        Multiaddr address = dial.addresses().get(index).encapsulate(Multiaddr.parse("/p2p/" + dial.peer()));
        host.dial(address).whenComplete((connection, failure) -> {
            if (failure == null) {
                finish(dial, null);
            } else {
                attempt(dial, index + 1, failure);
            }
        });
    }

    private void finish(Dial dial, Throwable failure) {
        Instant now = clock.instant();
        store.update(dial.peer(), record -> record.withHistory(failure == null
                ? record.history().dialSucceeded()
                : record.history().dialFailed(now.plus(backoff.after(record.history().failedDials() + 1)))));
        synchronized (this) {
            inFlight--;
            underWay.remove(dial.peer());
        }
        if (failure == null) {
            dial.result().complete(dial.peer());
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            dial.result().completeExceptionally(new IOException("cannot dial " + dial.peer() + " at "
                    + dial.addresses() + ": " + cause.getMessage(), cause));
        }
        startQueued();
    }

    private boolean isConnected(PeerId peer) {
        return !host.connections(peer).isEmpty();
    }
}
