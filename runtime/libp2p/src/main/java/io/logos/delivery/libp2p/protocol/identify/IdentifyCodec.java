package io.logos.delivery.libp2p.protocol.identify;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.protocol.identify.pb.Identify;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The identify protobuf. Addresses this stack cannot read (e.g. webtransport) are skipped, not fatal. */
final class IdentifyCodec {

    private static final Logger LOG = LoggerFactory.getLogger(IdentifyCodec.class);

    private IdentifyCodec() {
    }

    static byte[] encode(IdentifyMessage message) {
        Identify.Builder proto = Identify.newBuilder()
                .setProtocolVersion(message.protocolVersion())
                .setAgentVersion(message.agentVersion())
                .addAllProtocols(message.protocols());
        message.publicKey().ifPresent(key -> proto.setPublicKey(ByteString.copyFrom(key.marshal())));
        message.listenAddresses().forEach(address -> proto.addListenAddrs(ByteString.copyFrom(address.toBytes())));
        message.observedAddress().ifPresent(address -> proto.setObservedAddr(ByteString.copyFrom(address.toBytes())));
        return proto.build().toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are no identify message or carry an unreadable key
     */
    static IdentifyMessage decode(byte[] bytes) {
        Identify proto;
        try {
            proto = Identify.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed identify message: " + e.getMessage(), e);
        }
        List<Multiaddr> listen = new ArrayList<>();
        proto.getListenAddrsList().forEach(raw -> readAddress(raw).ifPresent(listen::add));
        return new IdentifyMessage(
                proto.hasPublicKey() ? Optional.of(Keys.unmarshalPublicKey(proto.getPublicKey().toByteArray()))
                        : Optional.empty(),
                listen,
                proto.hasObservedAddr() ? readAddress(proto.getObservedAddr()) : Optional.empty(),
                proto.getProtocolsList(), proto.getProtocolVersion(), proto.getAgentVersion());
    }

    private static Optional<Multiaddr> readAddress(ByteString raw) {
        try {
            return Optional.of(Multiaddr.fromBytes(raw.toByteArray()));
        } catch (IllegalArgumentException e) {
            LOG.debug("skipping an identify address this stack cannot read: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
