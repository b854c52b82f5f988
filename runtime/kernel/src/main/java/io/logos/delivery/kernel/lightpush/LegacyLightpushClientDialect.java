package io.logos.delivery.kernel.lightpush;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushRPC;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushRequest;
import io.logos.delivery.kernel.proto.LegacyLightpushProto.PushResponse;
import java.util.Optional;

/**
 * The legacy protocol on the client side. Its answer is a success flag and an info text, mapped onto v3
 * codes: success is 200 (the relay peer count is unknown, 0), the rate-limit text 429, any other failure
 * 420 with the info.
 */
final class LegacyLightpushClientDialect implements ClientDialect {

    @Override
    public String protocol() {
        return LightpushProtocols.LEGACY;
    }

    @Override
    public byte[] request(String requestId, PubsubTopic pubsubTopic, WakuMessage message) {
        return PushRPC.newBuilder()
                .setRequestId(requestId)
                .setRequest(PushRequest.newBuilder()
                        .setPubsubTopic(pubsubTopic.value())
                        .setMessage(ByteString.copyFrom(WakuMessageCodec.encode(message))))
                .build()
                .toByteArray();
    }

    @Override
    public PushStatus verdict(byte[] bytes, String requestId) {
        PushRPC rpc;
        try {
            rpc = PushRPC.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR,
                    LegacyLightpushDialect.DECODE_FAILURE + ": " + e.getMessage());
        }
        if (!rpc.hasResponse()) {
            return PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR, "empty_response_body_failure");
        }
        PushResponse response = rpc.getResponse();
        boolean rateLimited = !response.getIsSuccess()
                && LegacyLightpushDialect.TOO_MANY_REQUESTS.equals(response.getInfo());
        if (rateLimited) {
            return PushStatus.refused(LightpushResult.TOO_MANY_REQUESTS, response.getInfo());
        }
        if (!requestId.equals(rpc.getRequestId())) {
            return PushStatus.requestIdMismatch(requestId, rpc.getRequestId());
        }
        Optional<String> info = response.hasInfo() ? Optional.of(response.getInfo()) : Optional.empty();
        if (response.getIsSuccess()) {
            return new PushStatus(LightpushResult.SUCCESS, info, 0);
        }
        return PushStatus.refused(LightpushResult.INVALID_MESSAGE, info.orElse("the service refused the message"));
    }
}
