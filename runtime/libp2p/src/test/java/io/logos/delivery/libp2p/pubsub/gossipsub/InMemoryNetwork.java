package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Routers connected in memory under one fake clock. RPCs wait in a queue until {@link #deliverAll()}; each
 * router draws from its own seeded random source, so every run is the same.
 */
final class InMemoryNetwork {

    /** An RPC on its way. */
    record Envelope(PeerId from, PeerId to, RPC rpc) {
    }

    /** One router and what it delivered to its subscribers. */
    final class Node implements RouterOutput {
        final PeerId id;
        final GossipRouter router;
        final List<Message> received = new ArrayList<>();
        private final Consumer<Message> handler = received::add;

        Node(PeerId id, long seed) {
            this.id = id;
            this.router = new GossipRouter(id, config, time, new SplittableRandom(seed), Runnable::run, this);
        }

        void subscribe(String topic) {
            router.subscribe(topic, handler);
        }

        void unsubscribe(String topic) {
            router.unsubscribe(topic, handler);
        }

        long receivedCount(String data) {
            return received.stream().filter(m -> new String(m.data()).equals(data)).count();
        }

        @Override
        public void send(PeerId peer, RPC rpc) {
            inFlight.add(new Envelope(id, peer, RouterHarness.roundTrip(rpc)));
        }

        @Override
        public void dialExchangedPeers(List<ExchangedPeer> peers) {
        }

        @Override
        public void disconnect(PeerId peer) {
        }

        @Override
        public String toString() {
            return id.toString();
        }
    }

    final FakeTime time = new FakeTime();
    final GossipSubConfig config;
    final Map<PeerId, Node> nodes = new LinkedHashMap<>();
    private final ArrayDeque<Envelope> inFlight = new ArrayDeque<>();
    /** RPCs matching this are lost on the way. */
    Predicate<Envelope> lose = envelope -> false;

    InMemoryNetwork(GossipSubConfig config) {
        this.config = config;
    }

    List<Node> addNodes(int count) {
        List<Node> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = nodes.size();
            Node node = new Node(TestPeers.peer(index), 1000 + index);
            nodes.put(node.id, node);
            added.add(node);
        }
        return added;
    }

    /** {@code dialer} connects to {@code listener}. */
    void connect(Node dialer, Node listener) {
        dialer.router.addPeer(listener.id, config.protocolIds().getFirst(), ConnectionDirection.OUTBOUND, Optional.empty());
        listener.router.addPeer(dialer.id, config.protocolIds().getFirst(), ConnectionDirection.INBOUND, Optional.empty());
    }

    void connectAll() {
        List<Node> all = List.copyOf(nodes.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                connect(all.get(i), all.get(j));
            }
        }
    }

    /** Delivers queued RPCs, and those they cause, until none is left. */
    void deliverAll() {
        int delivered = 0;
        while (!inFlight.isEmpty()) {
            if (++delivered > 1_000_000) {
                throw new AssertionError("RPCs keep coming: the routers are looping");
            }
            Envelope envelope = inFlight.poll();
            if (!lose.test(envelope)) {
                nodes.get(envelope.to()).router.handleRpc(envelope.from(), envelope.rpc());
            }
        }
    }

    /** Runs {@code count} rounds of: time moves one heartbeat interval, every router beats, RPCs are delivered. */
    void heartbeats(int count) {
        for (int i = 0; i < count; i++) {
            time.advance(config.gossip().heartbeatInterval());
            for (Node node : nodes.values()) {
                node.router.heartbeat();
            }
            deliverAll();
        }
    }
}
