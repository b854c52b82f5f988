package io.logos.delivery.kernel.lightpush;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushRPC;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushRequest;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushRequest;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushResponse;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;
import java.util.Optional;

/** A light push client at the byte level, for feeding a service exactly the requests a test needs. */
final class RawLightpush {

    private final Host from;
    private final PeerId service;

    RawLightpush(Host from, PeerId service) {
        this.from = from;
        this.service = service;
    }

    static LightpushRequest v3Request(String requestId, String pubsubTopic, WakuMessage message) {
        return LightpushRequest.newBuilder()
                .setRequestId(requestId)
                .setPubsubTopic(pubsubTopic)
                .setMessage(ByteString.copyFrom(WakuMessageCodec.encode(message)))
                .build();
    }

    static PushRPC legacyRequest(String requestId, String pubsubTopic, WakuMessage message) {
        return PushRPC.newBuilder()
                .setRequestId(requestId)
                .setRequest(PushRequest.newBuilder()
                        .setPubsubTopic(pubsubTopic)
                        .setMessage(ByteString.copyFrom(WakuMessageCodec.encode(message))))
                .build();
    }

    LightpushResponse v3(LightpushRequest request) {
        return v3(request.toByteArray());
    }

    LightpushResponse v3(byte[] frame) {
        try {
            return LightpushResponse.parseFrom(exchange(LightpushProtocols.V3, frame));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the service's answer is not a LightpushResponse", e);
        }
    }

    PushRPC legacy(PushRPC request) {
        return legacy(request.toByteArray());
    }

    PushRPC legacy(byte[] frame) {
        try {
            return PushRPC.parseFrom(exchange(LightpushProtocols.LEGACY, frame));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the service's answer is not a PushRPC", e);
        }
    }

    /** Sends {@code frame} on a new stream, reads the answer and checks that the service then ends the stream. */
    byte[] exchange(String protocol, byte[] frame) {
        FramedStream stream = open(protocol);
        Await.done(stream.write(frame));
        return answerThenEnd(stream);
    }

    FramedStream open(String protocol) {
        return Await.done(TestHosts.onLoop(from, () -> from.newFramedStream(service, List.of(protocol), 1 << 20)));
    }

    static byte[] answerThenEnd(FramedStream stream) {
        byte[] answer = Await.done(stream.read()).orElseThrow(() -> new AssertionError("the service did not answer"));
        assertEquals(Optional.empty(), Await.done(stream.read()), "the service ends the stream after answering");
        stream.close();
        return answer;
    }
}
