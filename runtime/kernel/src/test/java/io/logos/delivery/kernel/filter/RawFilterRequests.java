package io.logos.delivery.kernel.filter;

import io.logos.delivery.kernel.proto.FilterSubscribeRequest;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest.FilterSubscribeType;
import io.logos.delivery.kernel.proto.FilterSubscribeResponse;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Subscribe requests built and sent by hand, to see exactly what a service answers. */
final class RawFilterRequests {

    private RawFilterRequests() {
    }

    static FilterSubscribeRequest request(FilterSubscribeType type, String pubsubTopic, List<String> contentTopics) {
        return FilterSubscribeRequest.newBuilder().setRequestId(FilterRpc.newRequestId()).setFilterSubscribeType(type)
                .setPubsubTopic(pubsubTopic).addAllContentTopics(contentTopics).build();
    }

    static FilterSubscribeRequest request(FilterSubscribeType type) {
        return FilterSubscribeRequest.newBuilder().setRequestId(FilterRpc.newRequestId())
                .setFilterSubscribeType(type).build();
    }

    /** The service's answer to {@code request}; fails when it closed the stream without one. */
    static FilterSubscribeResponse send(Host from, PeerId service, FilterSubscribeRequest request) throws Exception {
        byte[] answer = sendBytes(from, service, request.toByteArray())
                .orElseThrow(() -> new AssertionError("the service closed the stream without answering " + request));
        return FilterSubscribeResponse.parseFrom(answer);
    }

    /** The service's answer to one raw frame, or empty when it closed or reset the stream without one. */
    static Optional<byte[]> sendBytes(Host from, PeerId service, byte[] frame) throws Exception {
        FramedStream stream = from.newFramedStream(service, List.of(FilterProtocol.SUBSCRIBE_ID),
                FilterProtocol.MAX_RESPONSE_BYTES).get(10, TimeUnit.SECONDS);
        try {
            stream.write(frame).get(10, TimeUnit.SECONDS);
            return stream.read().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException reset) {
            return Optional.empty();
        } finally {
            stream.close();
        }
    }
}
