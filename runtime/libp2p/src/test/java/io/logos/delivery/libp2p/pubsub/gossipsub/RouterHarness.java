package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One router under test, talking to scripted peers: the test feeds it RPCs as if from those peers and reads
 * what it sent them. Time moves only through {@link #heartbeat()} and {@link #time}.
 */
final class RouterHarness implements RouterOutput {

    static final String TOPIC = "/waku/2/rs/1/0";

    final FakeTime time = new FakeTime();
    final PeerId self = TestPeers.peer("self");
    final GossipSubConfig config;
    final GossipRouter router;
    final List<Message> delivered = new ArrayList<>();
    /** The handler {@link #subscribe()} registers. */
    final Consumer<Message> handler = delivered::add;
    final List<List<ExchangedPeer>> exchanged = new ArrayList<>();
    final List<PeerId> disconnectRequests = new ArrayList<>();
    private final Map<PeerId, List<RPC>> sent = new LinkedHashMap<>();

    RouterHarness(GossipSubConfig config) {
        this.config = config;
        this.router = new GossipRouter(self, config, time, new SplittableRandom(42), Runnable::run, this);
    }

    /** A router with the default configuration, subscribed to {@link #TOPIC}. */
    static RouterHarness subscribed(GossipSubConfig config) {
        RouterHarness harness = new RouterHarness(config);
        harness.subscribe();
        return harness;
    }

    void subscribe() {
        router.subscribe(TOPIC, handler);
    }

    void unsubscribe() {
        router.unsubscribe(TOPIC, handler);
    }

    PeerId connect(String name, String protocolId, ConnectionDirection direction, Optional<InetAddress> address) {
        PeerId peer = TestPeers.peer(name);
        router.addPeer(peer, protocolId, direction, address);
        return peer;
    }

    /** Connects a peer speaking {@code /meshsub/1.2.0} over an outbound connection, subscribed to {@link #TOPIC}. */
    PeerId connectSubscribed(String name) {
        return connectSubscribed(name, GossipSubConfig.MESHSUB_1_2, ConnectionDirection.OUTBOUND);
    }

    PeerId connectSubscribed(String name, String protocolId, ConnectionDirection direction) {
        PeerId peer = connect(name, protocolId, direction, Optional.empty());
        receive(peer, Rpcs.subscribe(TOPIC));
        return peer;
    }

    /** Delivers {@code rpc} from {@code peer}, through its wire encoding. */
    void receive(PeerId peer, RPC rpc) {
        router.handleRpc(peer, roundTrip(rpc));
    }

    /** Advances time by one heartbeat interval and runs the heartbeat. */
    void heartbeat() {
        time.advance(config.gossip().heartbeatInterval());
        router.heartbeat();
    }

    /** The RPCs sent to {@code peer} since the last call. */
    List<RPC> takeSent(PeerId peer) {
        List<RPC> rpcs = sent.remove(peer);
        return rpcs == null ? List.of() : rpcs;
    }

    void forgetSent() {
        sent.clear();
    }

    Set<PeerId> mesh() {
        return router.meshPeers(TOPIC);
    }

    @Override
    public void send(PeerId peer, RPC rpc) {
        if (rpc.getSerializedSize() > config.gossip().maxMessageSize()) {
            throw new AssertionError("RPC of " + rpc.getSerializedSize() + " bytes exceeds the frame limit");
        }
        sent.computeIfAbsent(peer, p -> new ArrayList<>()).add(roundTrip(rpc));
    }

    @Override
    public void dialExchangedPeers(List<ExchangedPeer> peers) {
        exchanged.add(peers);
    }

    @Override
    public void disconnect(PeerId peer) {
        disconnectRequests.add(peer);
    }

    // ---- reading what was sent ----

    static List<String> grafts(List<RPC> rpcs) {
        return rpcs.stream().flatMap(rpc -> rpc.getControl().getGraftList().stream())
                .map(graft -> graft.getTopicID()).toList();
    }

    static List<ControlPrune> prunes(List<RPC> rpcs) {
        return rpcs.stream().flatMap(rpc -> rpc.getControl().getPruneList().stream()).toList();
    }

    static List<MessageId> ihaveIds(List<RPC> rpcs) {
        return rpcs.stream().flatMap(rpc -> rpc.getControl().getIhaveList().stream())
                .flatMap(ihave -> ihave.getMessageIDsList().stream())
                .map(bytes -> MessageId.of(bytes.toByteArray())).toList();
    }

    static List<MessageId> iwantIds(List<RPC> rpcs) {
        return rpcs.stream().flatMap(rpc -> rpc.getControl().getIwantList().stream())
                .flatMap(iwant -> iwant.getMessageIDsList().stream())
                .map(bytes -> MessageId.of(bytes.toByteArray())).toList();
    }

    static List<MessageId> idontwantIds(List<RPC> rpcs) {
        return rpcs.stream().flatMap(rpc -> rpc.getControl().getIdontwantList().stream())
                .flatMap(idontwant -> idontwant.getMessageIDsList().stream())
                .map(bytes -> MessageId.of(bytes.toByteArray())).toList();
    }

    static List<RpcProto.Message> messages(List<RPC> rpcs) {
        return rpcs.stream().flatMap(rpc -> rpc.getPublishList().stream()).toList();
    }

    static Map<String, Boolean> subscriptions(List<RPC> rpcs) {
        return rpcs.stream().flatMap(rpc -> rpc.getSubscriptionsList().stream())
                .collect(Collectors.toMap(RPC.SubOpts::getTopicid, RPC.SubOpts::getSubscribe, (a, b) -> b,
                        LinkedHashMap::new));
    }

    static RPC roundTrip(RPC rpc) {
        try {
            return RPC.parseFrom(rpc.toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
