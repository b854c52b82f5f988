package io.logos.delivery.kernel.filter;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest.FilterSubscribeType;
import io.logos.delivery.kernel.proto.FilterSubscribeResponse;
import io.logos.delivery.kernel.proto.MessagePush;
import java.util.Collection;

/** The filter v2 protobufs as bytes: requests, responses and pushes. */
final class FilterWire {

    private FilterWire() {
    }

    static FilterSubscribeRequest request(String requestId, FilterSubscribeType type) {
        return FilterSubscribeRequest.newBuilder().setRequestId(requestId).setFilterSubscribeType(type).build();
    }

    static FilterSubscribeRequest request(String requestId, FilterSubscribeType type, PubsubTopic pubsubTopic,
                                          Collection<String> contentTopics) {
        return request(requestId, type).toBuilder().setPubsubTopic(pubsubTopic.value())
                .addAllContentTopics(contentTopics).build();
    }

    /**
     * Parses a subscribe request.
     *
     * @throws InvalidProtocolBufferException when the bytes are not one, or lack the required request id
     */
    static FilterSubscribeRequest parseRequest(byte[] frame) throws InvalidProtocolBufferException {
        FilterSubscribeRequest request = FilterSubscribeRequest.parseFrom(frame);
        if (!request.hasRequestId()) {
            throw new InvalidProtocolBufferException("missing required field request_id (1)");
        }
        return request;
    }

    static byte[] response(String requestId, Outcome outcome) {
        return FilterSubscribeResponse.newBuilder().setRequestId(requestId).setStatusCode(outcome.statusCode())
                .setStatusDesc(outcome.description()).build().toByteArray();
    }

    static byte[] push(ReceivedMessage received) {
        return MessagePush.newBuilder()
                .setWakuMessage(ByteString.copyFrom(WakuMessageCodec.encode(received.message())))
                .setPubsubTopic(received.pubsubTopic().value())
                .build().toByteArray();
    }

    /**
     * Decodes a push; both fields are required, as nwaku's client requires them.
     *
     * @throws IllegalArgumentException naming what is wrong with the bytes
     */
    static ReceivedMessage parsePush(byte[] frame, MessageSizeLimit limit) {
        MessagePush push;
        try {
            push = MessagePush.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a MessagePush: " + e.getMessage(), e);
        }
        if (!push.hasWakuMessage() || !push.hasPubsubTopic()) {
            throw new IllegalArgumentException("MessagePush lacks its "
                    + (push.hasWakuMessage() ? "pubsub_topic (2)" : "waku_message (1)"));
        }
        WakuMessage message = WakuMessageCodec.decode(push.getWakuMessage().toByteArray(), limit);
        return ReceivedMessage.of(PubsubTopic.of(push.getPubsubTopic()), message);
    }
}
