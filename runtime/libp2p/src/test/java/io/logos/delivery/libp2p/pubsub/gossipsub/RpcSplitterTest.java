package io.logos.delivery.libp2p.pubsub.gossipsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlGraft;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIHave;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlMessage;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** RPCs are cut to fit the frame limit without losing or duplicating entries. */
class RpcSplitterTest {

    private static final int LIMIT = 2048;

    private static ByteString id(int i) {
        return ByteString.copyFrom(Rpcs.idOf("id " + i).bytes());
    }

    @Test
    void anRpcThatFitsIsLeftAlone() {
        RPC rpc = Rpcs.subscribe("a", "b");

        List<RPC> parts = RpcSplitter.split(rpc, LIMIT);

        assertEquals(1, parts.size());
        assertSame(rpc, parts.getFirst());
    }

    @Test
    void longIdListsAreCutAndEveryPartFits() {
        ControlIHave.Builder ihave = ControlIHave.newBuilder().setTopicID("t");
        ControlIWant.Builder iwant = ControlIWant.newBuilder();
        IntStream.range(0, 500).forEach(i -> {
            ihave.addMessageIDs(id(i));
            iwant.addMessageIDs(id(1000 + i));
        });
        RPC rpc = RPC.newBuilder()
                .addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid("t"))
                .setControl(ControlMessage.newBuilder().addIhave(ihave).addIwant(iwant)
                        .addGraft(ControlGraft.newBuilder().setTopicID("t")))
                .build();

        List<RPC> parts = RpcSplitter.split(rpc, LIMIT);

        assertTrue(parts.size() > 10);
        parts.forEach(part -> assertTrue(part.getSerializedSize() <= LIMIT, part.getSerializedSize() + " bytes"));
        assertEquals(500, parts.stream().flatMap(p -> p.getControl().getIhaveList().stream())
                .peek(part -> assertEquals("t", part.getTopicID()))
                .mapToInt(ControlIHave::getMessageIDsCount).sum());
        assertEquals(500, parts.stream().flatMap(p -> p.getControl().getIwantList().stream())
                .mapToInt(ControlIWant::getMessageIDsCount).sum());
        assertEquals(1, parts.stream().mapToInt(p -> p.getControl().getGraftCount()).sum());
        assertEquals(1, parts.stream().mapToInt(RPC::getSubscriptionsCount).sum());
    }

    @Test
    void messagesArePackedIntoSeveralRpcsAndOneTooLargeForAnyIsDropped() {
        RpcProto.Message small = Rpcs.message("t", new byte[800]);
        RpcProto.Message huge = Rpcs.message("t", new byte[LIMIT]);
        RPC rpc = RPC.newBuilder().addPublish(small).addPublish(huge).addPublish(small).addPublish(small).build();

        List<RPC> parts = RpcSplitter.split(rpc, LIMIT);

        assertEquals(2, parts.size());
        assertEquals(3, parts.stream().mapToInt(RPC::getPublishCount).sum());
        parts.forEach(part -> assertTrue(part.getSerializedSize() <= LIMIT));
    }
}
