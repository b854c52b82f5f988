package io.logos.delivery.kernel.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.InvalidTopicException;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import io.logos.delivery.kernel.message.MalformedMessageException;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryResponse;
import io.logos.delivery.kernel.proto.StoreProto.WakuMessageKeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a store service's answer on the client side. A broken answer is refused: one that does not decode,
 * lacks its status, answers another request, or holds an entry whose message does not hash to its key (so a
 * service cannot hand out forged messages under known hashes). Like nwaku's decoder, an entry with only one of
 * message and pubsub topic is read as a hash.
 */
final class StoreAnswers {

    private final MessageSizeLimit messageSizeLimit;

    StoreAnswers(MessageSizeLimit messageSizeLimit) {
        this.messageSizeLimit = messageSizeLimit;
    }

    /**
     * The response of {@code peer} to the request {@code requestId}.
     *
     * @throws BadResponse naming what is wrong with the answer
     */
    StoreResponse read(byte[] bytes, String requestId, PeerId peer) throws BadResponse {
        StoreQueryResponse response;
        try {
            response = StoreQueryResponse.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BadResponse("decoding rpc failed: " + e.getMessage());
        }
        if (!response.hasStatusCode()) {
            throw new BadResponse("missing required field status_code (10)");
        }
        if (response.getStatusCode() != StoreResponse.SUCCESS) {
            return StoreResponse.failure(response.getStatusCode(), response.getStatusDesc(), Optional.of(peer));
        }
        // only a success must carry our id: services answer refusals before they know it
        if (!requestId.equals(response.getRequestId())) {
            throw new BadResponse("request id mismatch: sent " + requestId + ", got '" + response.getRequestId()
                    + "'");
        }
        List<StoredMessage> messages = new ArrayList<>(response.getMessagesCount());
        for (int i = 0; i < response.getMessagesCount(); i++) {
            messages.add(entry(i, response.getMessages(i)));
        }
        Optional<MessageHash> cursor = response.hasPaginationCursor()
                ? Optional.of(hash("the cursor", response.getPaginationCursor()))
                : Optional.empty();
        return new StoreResponse(StoreResponse.SUCCESS, response.getStatusDesc(), messages, cursor, Optional.of(peer));
    }

    private StoredMessage entry(int index, WakuMessageKeyValue entry) throws BadResponse {
        String name = "entry " + index;
        if (!entry.hasMessageHash()) {
            throw new BadResponse(name + " lacks its message_hash (1)");
        }
        MessageHash hash = hash(name + "'s hash", entry.getMessageHash());
        if (!entry.hasMessage() || !entry.hasPubsubTopic()) {
            return StoredMessage.hashOnly(hash);
        }
        WakuMessage message;
        PubsubTopic topic;
        try {
            message = WakuMessageCodec.decode(entry.getMessage().toByteArray(), messageSizeLimit);
            topic = PubsubTopic.of(entry.getPubsubTopic());
        } catch (MalformedMessageException | InvalidTopicException e) {
            throw new BadResponse(name + ": " + e.getMessage());
        }
        if (!MessageHash.compute(topic, message).equals(hash)) {
            throw new BadResponse(name + ": the message does not hash to " + hash);
        }
        return StoredMessage.of(hash, topic, message);
    }

    private static MessageHash hash(String what, ByteString bytes) throws BadResponse {
        if (bytes.size() != MessageHash.SIZE) {
            throw new BadResponse(what + " is " + bytes.size() + " bytes; a message hash is " + MessageHash.SIZE);
        }
        return MessageHash.of(bytes.toByteArray());
    }

    /** What is wrong with an answer. */
    static final class BadResponse extends Exception {
        BadResponse(String message) {
            super(message, null, false, false);
        }
    }
}
