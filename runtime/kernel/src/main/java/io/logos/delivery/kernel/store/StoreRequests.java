package io.logos.delivery.kernel.store;

import com.google.protobuf.ByteString;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryRequest;

/** A {@link StoreQuery} as the client sends it. */
final class StoreRequests {

    private StoreRequests() {
    }

    static byte[] encode(String requestId, StoreQuery query) {
        return request(requestId, query).toByteArray();
    }

    /** The request as sent, before encoding. */
    static StoreQueryRequest request(String requestId, StoreQuery query) {
        StoreQueryRequest.Builder request = StoreQueryRequest.newBuilder()
                .setRequestId(requestId)
                .setIncludeData(query.includeData())
                .addAllContentTopics(query.contentTopics())
                .setPaginationForward(query.direction() == PagingDirection.FORWARD);
        query.pubsubTopic().map(PubsubTopic::value).ifPresent(request::setPubsubTopic);
        query.timeStart().ifPresent(request::setTimeStart);
        query.timeEnd().ifPresent(request::setTimeEnd);
        query.messageHashes().forEach(hash -> request.addMessageHashes(bytes(hash)));
        query.cursor().ifPresent(cursor -> request.setPaginationCursor(bytes(cursor)));
        query.pageSize().ifPresent(request::setPaginationLimit);
        return request.build();
    }

    private static ByteString bytes(MessageHash hash) {
        return ByteString.copyFrom(hash.bytes());
    }
}
