package io.logos.delivery.kernel.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.InvalidTopicException;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryRequest;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a StoreQueryRequest into a {@link PageRequest}, or into the bad-request status it deserves. Follows
 * nwaku's decoder (absent direction is backward, absent or 0 page size is the default, larger ones are
 * capped) and refuses what nwaku would pad, truncate or fail on later (docs/adr/0014).
 */
final class StoreRequestDecoder {

    /** The request id answered when the request could not be read. */
    static final String UNKNOWN_REQUEST_ID = "N/A";

    /** What a request decodes to. */
    sealed interface Decoded permits PageRequest, Refused {
    }

    /** A request answered with {@code status} without asking the archive. */
    record Refused(String requestId, StoreStatus status) implements Decoded {
    }

    private StoreRequestDecoder() {
    }

    static Decoded decode(byte[] bytes) {
        try {
            return decode(StoreQueryRequest.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            return new Refused(UNKNOWN_REQUEST_ID, StoreStatus.undecodable(e.getMessage()));
        }
    }

    /** Checks a parsed request: a query of the node's own goes through the same checks as a peer's. */
    static Decoded decode(StoreQueryRequest request) {
        if (!request.hasRequestId()) {
            return new Refused(UNKNOWN_REQUEST_ID, StoreStatus.undecodable("missing required field request_id (1)"));
        }
        try {
            return new PageRequest(request.getRequestId(), request.getIncludeData(), archiveQuery(request),
                    pageSize(request));
        } catch (InvalidQuery e) {
            return new Refused(request.getRequestId(), StoreStatus.invalidQuery(e.getMessage()));
        }
    }

    private static ArchiveQuery archiveQuery(StoreQueryRequest request) throws InvalidQuery {
        ArchiveQuery.Builder query = ArchiveQuery.builder()
                .contentTopics(Set.copyOf(request.getContentTopicsList()))
                .hashes(hashes(request.getMessageHashesList()))
                .direction(request.getPaginationForward() ? PagingDirection.FORWARD : PagingDirection.BACKWARD)
                .limit(pageSize(request) + 1);
        if (request.hasPubsubTopic()) {
            query.pubsubTopic(pubsubTopic(request.getPubsubTopic()));
        }
        if (request.hasTimeStart()) {
            query.timeStart(request.getTimeStart());
        }
        if (request.hasTimeEnd()) {
            query.timeEnd(request.getTimeEnd());
        }
        if (request.hasPaginationCursor()) {
            query.cursor(cursor(request.getPaginationCursor()));
            // nwaku checks the content topic limit only when paging on
            if (request.getContentTopicsCount() > StoreProtocol.MAX_CONTENT_TOPICS) {
                throw new InvalidQuery("too many content topics: " + request.getContentTopicsCount() + ", at most "
                        + StoreProtocol.MAX_CONTENT_TOPICS);
            }
        }
        return query.build();
    }

    private static int pageSize(StoreQueryRequest request) {
        long limit = request.getPaginationLimit();
        if (limit == 0) {
            return StoreProtocol.DEFAULT_PAGE_SIZE;
        }
        // uint64 on the wire: a "negative" long is a huge page size
        return Long.compareUnsigned(limit, StoreProtocol.MAX_PAGE_SIZE) > 0 ? StoreProtocol.MAX_PAGE_SIZE : (int) limit;
    }

    private static PubsubTopic pubsubTopic(String text) throws InvalidQuery {
        try {
            return PubsubTopic.of(text);
        } catch (InvalidTopicException e) {
            throw new InvalidQuery("invalid pubsub topic: " + e.getMessage());
        }
    }

    private static MessageHash cursor(ByteString bytes) throws InvalidQuery {
        if (bytes.size() != MessageHash.SIZE) {
            throw new InvalidQuery("the cursor is " + bytes.size() + " bytes; a message hash is " + MessageHash.SIZE);
        }
        byte[] hash = bytes.toByteArray();
        for (byte b : hash) {
            if (b != 0) {
                return MessageHash.of(hash);
            }
        }
        throw new InvalidQuery("all zeroes cursor hash");
    }

    private static Set<MessageHash> hashes(List<ByteString> hashes) throws InvalidQuery {
        if (hashes.size() > StoreProtocol.MAX_MESSAGE_HASHES) {
            throw new InvalidQuery("too many message hashes: " + hashes.size() + ", at most "
                    + StoreProtocol.MAX_MESSAGE_HASHES);
        }
        Set<MessageHash> result = new HashSet<>();
        for (int i = 0; i < hashes.size(); i++) {
            ByteString hash = hashes.get(i);
            if (hash.size() != MessageHash.SIZE) {
                throw new InvalidQuery("message hash " + i + " is " + hash.size() + " bytes; a message hash is "
                        + MessageHash.SIZE);
            }
            result.add(MessageHash.of(hash.toByteArray()));
        }
        return result;
    }

    /** Why a decodable request is refused. */
    private static final class InvalidQuery extends Exception {
        InvalidQuery(String message) {
            super(message, null, false, false);
        }
    }
}
