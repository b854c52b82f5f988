package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIDontWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIHave;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlMessage;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits an RPC into RPCs that each encode to at most the maximum frame size, as peers refuse larger frames.
 * Subscriptions, messages and control entries are packed greedily; IHAVE, IWANT and IDONTWANT entries with
 * too many ids are cut into several. A message too large for a frame on its own is dropped.
 */
final class RpcSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(RpcSplitter.class);

    /** Upper bound of the tag and length of one nested message field (1 byte tag, 5 bytes varint). */
    private static final int FIELD_OVERHEAD = 6;

    private RpcSplitter() {
    }

    static List<RPC> split(RPC rpc, int maxSize) {
        if (rpc.getSerializedSize() <= maxSize) {
            return List.of(rpc);
        }
        Packer packer = new Packer(maxSize);
        rpc.getSubscriptionsList().forEach(sub ->
                packer.add(CodedOutputStream.computeMessageSize(1, sub), false, b -> b.addSubscriptions(sub)));
        rpc.getPublishList().forEach(message ->
                packer.add(CodedOutputStream.computeMessageSize(2, message), false, b -> b.addPublish(message)));
        ControlMessage control = rpc.getControl();
        // an id list is cut to fit a frame next to the RPC, control and entry headers
        int idBudget = maxSize - 3 * FIELD_OVERHEAD;
        for (ControlIHave ihave : control.getIhaveList()) {
            for (List<ByteString> ids : chunks(ihave.getMessageIDsList(), idBudget - topicSize(ihave.getTopicID()))) {
                ControlIHave part = ihave.toBuilder().clearMessageIDs().addAllMessageIDs(ids).build();
                packer.addControl(1, part, c -> c.addIhave(part));
            }
        }
        for (ControlIWant iwant : control.getIwantList()) {
            for (List<ByteString> ids : chunks(iwant.getMessageIDsList(), idBudget)) {
                ControlIWant part = ControlIWant.newBuilder().addAllMessageIDs(ids).build();
                packer.addControl(2, part, c -> c.addIwant(part));
            }
        }
        control.getGraftList().forEach(graft -> packer.addControl(3, graft, c -> c.addGraft(graft)));
        control.getPruneList().forEach(prune -> packer.addControl(4, prune, c -> c.addPrune(prune)));
        for (ControlIDontWant idontwant : control.getIdontwantList()) {
            for (List<ByteString> ids : chunks(idontwant.getMessageIDsList(), idBudget)) {
                ControlIDontWant part = ControlIDontWant.newBuilder().addAllMessageIDs(ids).build();
                packer.addControl(5, part, c -> c.addIdontwant(part));
            }
        }
        return packer.finish();
    }

    private static int topicSize(String topic) {
        return CodedOutputStream.computeStringSize(1, topic);
    }

    /** Cuts {@code ids} into lists whose encoding as repeated bytes fields fits {@code budget}. */
    private static List<List<ByteString>> chunks(List<ByteString> ids, int budget) {
        List<List<ByteString>> chunks = new ArrayList<>();
        List<ByteString> chunk = new ArrayList<>();
        int size = 0;
        for (ByteString id : ids) {
            int idSize = CodedOutputStream.computeBytesSize(1, id);
            if (size + idSize > budget && !chunk.isEmpty()) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                size = 0;
            }
            chunk.add(id);
            size += idSize;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** Fills RPCs one after another, starting a new one when the next entry would not fit. */
    private static final class Packer {
        private final int maxSize;
        private final List<RPC> done = new ArrayList<>();
        private RPC.Builder current = RPC.newBuilder();
        private int size;
        private boolean hasControl;
        private boolean empty = true;

        Packer(int maxSize) {
            this.maxSize = maxSize;
        }

        void addControl(int field, MessageLite entry, Function<ControlMessage.Builder, ?> adder) {
            add(CodedOutputStream.computeMessageSize(field, entry), true, b -> adder.apply(b.getControlBuilder()));
        }

        /** Adds an entry whose encoding takes {@code entrySize} bytes inside the RPC or its control message. */
        void add(int entrySize, boolean control, Consumer<RPC.Builder> adder) {
            if (entrySize + (control ? FIELD_OVERHEAD : 0) > maxSize) {
                LOG.debug("dropping an RPC entry of {} bytes, more than the {}-byte frame limit", entrySize, maxSize);
                return;
            }
            if (size + extra(entrySize, control) > maxSize && !empty) {
                finishCurrent();
            }
            size += extra(entrySize, control);
            hasControl |= control;
            empty = false;
            adder.accept(current);
        }

        private int extra(int entrySize, boolean control) {
            return control && !hasControl ? entrySize + FIELD_OVERHEAD : entrySize;
        }

        private void finishCurrent() {
            done.add(current.build());
            current = RPC.newBuilder();
            size = 0;
            hasControl = false;
            empty = true;
        }

        List<RPC> finish() {
            if (!empty) {
                finishCurrent();
            }
            return done;
        }
    }
}
