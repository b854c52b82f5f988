package io.logos.delivery.kernel.lightpush;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.kernel.metrics.KernelMetrics.LightpushCounters;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushRequest;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Light push v3 on the service side: status codes in {@code LightpushResponse}. */
final class LightpushV3Dialect implements PushDialect {

    /** The request id nwaku answers with when it has not read or could not decode the request. */
    static final String UNKNOWN_REQUEST_ID = "N/A";

    private final MessagePusher pusher;
    private final LightpushCounters metrics;

    LightpushV3Dialect(MessagePusher pusher, LightpushCounters metrics) {
        this.pusher = pusher;
        this.metrics = metrics;
    }

    @Override
    public String protocol() {
        return LightpushProtocols.V3;
    }

    @Override
    public CompletableFuture<byte[]> answer(byte[] bytes) {
        LightpushRequest request;
        try {
            request = LightpushRequest.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return answered(UNKNOWN_REQUEST_ID, PushStatus.badRequest("decode_rpc_failure: " + e.getMessage()));
        }
        if (!request.hasRequestId()) {
            return answered(UNKNOWN_REQUEST_ID,
                    PushStatus.badRequest("decode_rpc_failure: missing required field request_id (1)"));
        }
        if (!request.hasMessage()) {
            return answered(request.getRequestId(),
                    PushStatus.badRequest("decode_rpc_failure: missing required field message (21)"));
        }
        metrics.request();
        Optional<String> topic = request.hasPubsubTopic() ? Optional.of(request.getPubsubTopic()) : Optional.empty();
        return pusher.push(topic, request.getMessage().toByteArray())
                .thenApply(status -> encode(request.getRequestId(), counted(status)));
    }

    @Override
    public byte[] refusal(PushStatus status) {
        return encode(UNKNOWN_REQUEST_ID, status);
    }

    private CompletableFuture<byte[]> answered(String requestId, PushStatus status) {
        return CompletableFuture.completedFuture(encode(requestId, counted(status)));
    }

    private PushStatus counted(PushStatus status) {
        if (!status.succeeded()) {
            metrics.error(status.code());
        }
        return status;
    }

    private static byte[] encode(String requestId, PushStatus status) {
        LightpushResponse.Builder response = LightpushResponse.newBuilder()
                .setRequestId(requestId)
                .setStatusCode(status.code());
        status.description().ifPresent(response::setStatusDesc);
        if (status.succeeded()) {
            response.setRelayPeerCount(status.relayPeerCount());
        }
        return response.build().toByteArray();
    }
}
