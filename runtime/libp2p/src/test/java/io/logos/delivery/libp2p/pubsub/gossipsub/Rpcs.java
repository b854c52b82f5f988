package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.MessageIdFunction;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlGraft;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIDontWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIHave;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlMessage;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.PeerInfo;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Builders of the RPCs a scripted peer sends, and readers of what the router sent. */
final class Rpcs {

    private Rpcs() {
    }

    static RPC subscribe(String... topics) {
        RPC.Builder rpc = RPC.newBuilder();
        Arrays.stream(topics).forEach(topic -> rpc.addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(topic)));
        return rpc.build();
    }

    static RPC unsubscribe(String topic) {
        return RPC.newBuilder().addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(false).setTopicid(topic)).build();
    }

    static RpcProto.Message message(String topic, String data) {
        return message(topic, data.getBytes(StandardCharsets.UTF_8));
    }

    static RpcProto.Message message(String topic, byte[] data) {
        return RpcProto.Message.newBuilder().setTopic(topic).setData(ByteString.copyFrom(data)).build();
    }

    static RPC publish(RpcProto.Message... messages) {
        return RPC.newBuilder().addAllPublish(List.of(messages)).build();
    }

    static MessageId idOf(RpcProto.Message message) {
        return MessageIdFunction.sha256OfData().messageId(message.getTopic(), message.getData().asReadOnlyByteBuffer());
    }

    static MessageId idOf(String data) {
        return MessageIdFunction.sha256OfData().messageId("", ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
    }

    static RPC graft(String topic) {
        return control(ControlMessage.newBuilder().addGraft(ControlGraft.newBuilder().setTopicID(topic)));
    }

    static RPC prune(String topic, long backoffSeconds, PeerId... exchanged) {
        ControlPrune.Builder prune = ControlPrune.newBuilder().setTopicID(topic).setBackoff(backoffSeconds);
        for (PeerId peer : exchanged) {
            prune.addPeers(PeerInfo.newBuilder().setPeerID(ByteString.copyFrom(peer.toBytes())));
        }
        return control(ControlMessage.newBuilder().addPrune(prune));
    }

    /** A PRUNE as a v1.0 peer sends it: no backoff, no peers. */
    static RPC barePrune(String topic) {
        return control(ControlMessage.newBuilder().addPrune(ControlPrune.newBuilder().setTopicID(topic)));
    }

    static RPC ihave(String topic, MessageId... ids) {
        ControlIHave.Builder ihave = ControlIHave.newBuilder().setTopicID(topic);
        Arrays.stream(ids).forEach(id -> ihave.addMessageIDs(bytes(id)));
        return control(ControlMessage.newBuilder().addIhave(ihave));
    }

    static RPC iwant(MessageId... ids) {
        ControlIWant.Builder iwant = ControlIWant.newBuilder();
        Arrays.stream(ids).forEach(id -> iwant.addMessageIDs(bytes(id)));
        return control(ControlMessage.newBuilder().addIwant(iwant));
    }

    static RPC idontwant(MessageId... ids) {
        ControlIDontWant.Builder idontwant = ControlIDontWant.newBuilder();
        Arrays.stream(ids).forEach(id -> idontwant.addMessageIDs(bytes(id)));
        return control(ControlMessage.newBuilder().addIdontwant(idontwant));
    }

    static ByteString bytes(MessageId id) {
        return ByteString.copyFrom(id.bytes());
    }

    private static RPC control(ControlMessage.Builder control) {
        return RPC.newBuilder().setControl(control).build();
    }
}
