package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlGraft;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIDontWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIHave;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlMessage;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outgoing RPCs. Messages and IDONTWANT go out at once; subscriptions and the other control messages are
 * collected per peer and sent together by {@link #flush()} at the end of each router operation, so one event
 * yields one RPC per peer (gossipsub v1.0 "Control Message Piggybacking"). Every RPC is split to fit the
 * maximum frame size.
 */
final class Outbox {

    private final RouterOutput output;
    private final int maxRpcSize;
    private final Map<PeerId, RPC.Builder> pending = new LinkedHashMap<>();

    Outbox(RouterOutput output, int maxRpcSize) {
        this.output = output;
        this.maxRpcSize = maxRpcSize;
    }

    void subscription(PeerId peer, String topic, boolean subscribe) {
        pending(peer).addSubscriptions(RPC.SubOpts.newBuilder().setTopicid(topic).setSubscribe(subscribe));
    }

    void graft(PeerId peer, String topic) {
        control(peer).addGraft(ControlGraft.newBuilder().setTopicID(topic));
    }

    void prune(PeerId peer, ControlPrune prune) {
        control(peer).addPrune(prune);
    }

    void ihave(PeerId peer, String topic, Collection<MessageId> ids) {
        control(peer).addIhave(ControlIHave.newBuilder().setTopicID(topic).addAllMessageIDs(toBytes(ids)));
    }

    void iwant(PeerId peer, Collection<MessageId> ids) {
        control(peer).addIwant(ControlIWant.newBuilder().addAllMessageIDs(toBytes(ids)));
    }

    /** Sends messages to {@code peer} now. */
    void sendMessages(PeerId peer, List<RpcProto.Message> messages) {
        if (!messages.isEmpty()) {
            send(peer, RPC.newBuilder().addAllPublish(messages).build());
        }
    }

    /**
     * Sends an IDONTWANT now, not piggybacked: it only helps if it reaches the peer before the peer forwards the
     * message (gossipsub v1.2).
     */
    void sendIDontWant(PeerId peer, MessageId id) {
        ControlIDontWant idontwant = ControlIDontWant.newBuilder()
                .addMessageIDs(ByteString.copyFrom(id.bytes()))
                .build();
        send(peer, RPC.newBuilder().setControl(ControlMessage.newBuilder().addIdontwant(idontwant)).build());
    }

    /** Sends everything collected since the last flush. */
    void flush() {
        List<Map.Entry<PeerId, RPC.Builder>> collected = new ArrayList<>(pending.entrySet());
        pending.clear();
        collected.forEach(entry -> send(entry.getKey(), entry.getValue().build()));
    }

    /** Drops what was collected for a peer that is gone. */
    void discard(PeerId peer) {
        pending.remove(peer);
    }

    private void send(PeerId peer, RPC rpc) {
        for (RPC part : RpcSplitter.split(rpc, maxRpcSize)) {
            output.send(peer, part);
        }
    }

    private RPC.Builder pending(PeerId peer) {
        return pending.computeIfAbsent(peer, p -> RPC.newBuilder());
    }

    private ControlMessage.Builder control(PeerId peer) {
        return pending(peer).getControlBuilder();
    }

    private static List<ByteString> toBytes(Collection<MessageId> ids) {
        return ids.stream().map(id -> ByteString.copyFrom(id.bytes())).toList();
    }
}
