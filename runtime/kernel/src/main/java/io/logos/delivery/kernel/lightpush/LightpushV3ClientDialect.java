package io.logos.delivery.kernel.lightpush;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.LightpushResult;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushRequest;
import io.logos.delivery.kernel.proto.LightpushProto.LightpushResponse;
import java.util.Optional;

/**
 * Light push v3 on the client side. Follows nwaku's client: an answer for another request id is a failure
 * (except 429, which a service sends before reading the request), and a success that reached no relay peer
 * is reported as 505.
 */
final class LightpushV3ClientDialect implements ClientDialect {

    @Override
    public String protocol() {
        return LightpushProtocols.V3;
    }

    @Override
    public byte[] request(String requestId, PubsubTopic pubsubTopic, WakuMessage message) {
        return LightpushRequest.newBuilder()
                .setRequestId(requestId)
                .setPubsubTopic(pubsubTopic.value())
                .setMessage(ByteString.copyFrom(WakuMessageCodec.encode(message)))
                .build()
                .toByteArray();
    }

    @Override
    public PushStatus verdict(byte[] bytes, String requestId) {
        LightpushResponse response;
        try {
            response = LightpushResponse.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR, "decode_rpc_failure: " + e.getMessage());
        }
        if (!response.hasStatusCode()) {
            return PushStatus.refused(LightpushResult.INTERNAL_SERVER_ERROR,
                    "decode_rpc_failure: the response has no status_code (10)");
        }
        int code = response.getStatusCode();
        if (code != LightpushResult.TOO_MANY_REQUESTS && !requestId.equals(response.getRequestId())) {
            return PushStatus.requestIdMismatch(requestId, response.getRequestId());
        }
        if (code == LightpushResult.SUCCESS) {
            return response.getRelayPeerCount() > 0
                    ? PushStatus.published(response.getRelayPeerCount())
                    : PushStatus.refused(LightpushResult.NO_PEERS_TO_RELAY,
                            "the service relayed the message to no peers");
        }
        return new PushStatus(code, response.hasStatusDesc()
                ? Optional.of(response.getStatusDesc())
                : Optional.empty(), 0);
    }
}
