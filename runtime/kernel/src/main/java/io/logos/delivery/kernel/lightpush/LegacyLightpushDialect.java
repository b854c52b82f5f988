package io.logos.delivery.kernel.lightpush;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.metrics.KernelMetrics.LightpushCounters;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushRPC;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushRequest;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The legacy protocol on the service side: the same checks as v3, answered with a success flag and an info
 * text (nwaku's texts where it has one).
 */
final class LegacyLightpushDialect implements PushDialect {

    static final String OK = "OK";
    static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    static final String EMPTY_REQUEST_BODY = "empty_request_body_failure";
    static final String DECODE_FAILURE = "decode_rpc_failure";

    private final MessagePusher pusher;
    private final LightpushCounters metrics;

    LegacyLightpushDialect(MessagePusher pusher, LightpushCounters metrics) {
        this.pusher = pusher;
        this.metrics = metrics;
    }

    @Override
    public String protocol() {
        return LightpushProtocols.LEGACY;
    }

    @Override
    public CompletableFuture<byte[]> answer(byte[] bytes) {
        PushRPC rpc;
        try {
            rpc = PushRPC.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            // like nwaku, an undecodable request is answered with an empty request id
            return answered("", DECODE_FAILURE + ": " + e.getMessage());
        }
        if (!rpc.hasRequestId()) {
            return answered("", DECODE_FAILURE + ": missing required field request_id (1)");
        }
        String requestId = rpc.getRequestId();
        if (!rpc.hasRequest()) {
            return answered(requestId, EMPTY_REQUEST_BODY);
        }
        PushRequest request = rpc.getRequest();
        if (!request.hasPubsubTopic() || !request.hasMessage()) {
            return answered(requestId, DECODE_FAILURE + ": missing required field "
                    + (request.hasPubsubTopic() ? "message (2)" : "pubsub_topic (1)"));
        }
        metrics.request();
        return pusher.push(Optional.of(request.getPubsubTopic()), request.getMessage().toByteArray())
                .thenApply(status -> {
                    if (!status.succeeded()) {
                        metrics.error(status.code());
                    }
                    return encode(requestId, status.succeeded(), info(status));
                });
    }

    @Override
    public byte[] refusal(PushStatus status) {
        String info = status.code() == LightpushResult.TOO_MANY_REQUESTS ? TOO_MANY_REQUESTS : info(status);
        return encode(LightpushV3Dialect.UNKNOWN_REQUEST_ID, false, info);
    }

    private static String info(PushStatus status) {
        return status.succeeded() ? OK : status.description().orElse("status " + status.code());
    }

    /** A request that could not be read; counted as nwaku's v3 counts it, a bad request. */
    private CompletableFuture<byte[]> answered(String requestId, String failure) {
        metrics.error(LightpushResult.BAD_REQUEST);
        return CompletableFuture.completedFuture(encode(requestId, false, failure));
    }

    private static byte[] encode(String requestId, boolean success, String info) {
        return PushRPC.newBuilder()
                .setRequestId(requestId)
                .setResponse(PushResponse.newBuilder().setIsSuccess(success).setInfo(info))
                .build()
                .toByteArray();
    }
}
