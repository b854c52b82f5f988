package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of {@value FilterProtocol#PUSH_ID}: reads pushes from a service's stream until it ends,
 * keeps those from a service we subscribed with that match our criteria there, and hands each message
 * once per hash to the listeners of every matching subscription. A stream from a peer we hold no
 * subscription with, or carrying an undecodable push, is closed. Thread-safe.
 */
final class PushReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(PushReceiver.class);

    private final ClientSubscriptions subscriptions;
    private final SeenHashes delivered;
    private final MessageSizeLimit messageSizeLimit;
    private final Set<FramedStream> streams = ConcurrentHashMap.newKeySet();

    PushReceiver(ClientSubscriptions subscriptions, SeenHashes delivered, MessageSizeLimit messageSizeLimit) {
        this.subscriptions = subscriptions;
        this.delivered = delivered;
        this.messageSizeLimit = messageSizeLimit;
    }

    void accept(FramedStream stream) {
        streams.add(stream);
        stream.closeFuture().thenRun(() -> streams.remove(stream));
        readNext(stream);
    }

    private void readNext(FramedStream stream) {
        stream.read().whenComplete((frame, failure) -> {
            if (failure != null) {
                LOG.debug("Filter push stream from {} failed: {}", stream.remotePeer(), failure.toString());
                stream.reset();
            } else if (frame.isEmpty() || !receive(stream.remotePeer(), frame.get())) {
                stream.close();
            } else {
                readNext(stream);
            }
        });
    }

    /** Handles one push; false when the stream should be closed. */
    private boolean receive(PeerId service, byte[] frame) {
        if (!subscriptions.hasService(service)) {
            LOG.debug("Ignoring filter pushes from {}: we hold no subscription there", service);
            return false;
        }
        ReceivedMessage received;
        try {
            received = FilterWire.parsePush(frame, messageSizeLimit);
        } catch (IllegalArgumentException e) {
            LOG.debug("Undecodable filter push from {}: {}", service, e.getMessage());
            return false;
        }
        String pubsubTopic = received.pubsubTopic().value();
        String contentTopic = received.message().contentTopic();
        if (!subscriptions.holds(service, pubsubTopic, contentTopic)) {
            LOG.debug("Ignoring a filter push from {} on {} {}: not subscribed there", service, pubsubTopic,
                    contentTopic);
            return true;
        }
        LOG.debug("Filter push of {} on {} from {}", received.hash(), pubsubTopic, service);
        if (delivered.firstSighting(received.hash())) {
            subscriptions.listenersOf(pubsubTopic, contentTopic).forEach(listener -> deliver(listener, received));
        }
        return true;
    }

    private static void deliver(MessageListener listener, ReceivedMessage received) {
        try {
            listener.onMessage(received);
        } catch (RuntimeException e) {
            LOG.warn("Filter message listener failed on {}", received.hash(), e);
        }
    }

    /** Closes every push stream open now. */
    CompletableFuture<Void> closeAll() {
        return CompletableFuture.allOf(streams.stream().map(stream -> stream.close().exceptionally(ignored -> null))
                .toArray(CompletableFuture[]::new));
    }
}
