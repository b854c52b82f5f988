package io.logos.delivery.kernel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryRequest;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryResponse;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A store client at the byte level, for feeding a service exactly the requests a test needs. */
final class RawStore {

    private final Host from;
    private final PeerId service;

    RawStore(Host from, PeerId service) {
        this.from = from;
        this.service = service;
    }

    /** A request with an id and data wanted; the rest is up to the test. */
    static StoreQueryRequest.Builder request() {
        return StoreQueryRequest.newBuilder().setRequestId("raw-1").setIncludeData(true);
    }

    static ByteString bytes(MessageHash hash) {
        return ByteString.copyFrom(hash.bytes());
    }

    StoreQueryResponse query(StoreQueryRequest.Builder request) {
        return query(request.build().toByteArray());
    }

    StoreQueryResponse query(byte[] frame) {
        return parse(Await.done(send(frame)));
    }

    /** Sends {@code frame} on a new stream; completes with the answer, after checking that the service ends the stream. */
    CompletableFuture<byte[]> send(byte[] frame) {
        FramedStream stream = Await.done(TestHosts.onLoop(from,
                () -> from.newFramedStream(service, List.of(StoreProtocol.ID), 32 << 20)));
        return stream.write(frame).thenCompose(written -> stream.read()).thenCompose(answer -> stream.read()
                .thenApply(end -> {
                    assertEquals(Optional.empty(), end, "the service ends the stream after answering");
                    stream.close();
                    return answer.orElseThrow(() -> new AssertionError("the service did not answer"));
                }));
    }

    static StoreQueryResponse parse(byte[] answer) {
        try {
            return StoreQueryResponse.parseFrom(answer);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the service's answer is not a StoreQueryResponse", e);
        }
    }
}
