package io.logos.delivery.kernel.store;

import com.google.protobuf.ByteString;
import io.logos.delivery.kernel.message.WakuMessageCodec;
import io.logos.delivery.kernel.proto.StoreProto.StoreQueryResponse;
import io.logos.delivery.kernel.proto.StoreProto.WakuMessageKeyValue;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;

/**
 * Encodes StoreQueryResponses. The request id, status code and description are always written, since nwaku's
 * client fails on a response without them.
 */
final class StoreResponses {

    private StoreResponses() {
    }

    /** The answer to send for {@code outcome}. */
    static byte[] encode(StoreOutcome outcome) {
        return switch (outcome) {
            case StoreOutcome.Page found -> page(found.requestId(), found.page(), found.includeData());
            case StoreOutcome.Status status -> status(status.requestId(), status.status());
        };
    }

    /** A successful answer carrying {@code page}, with the messages themselves when {@code includeData}. */
    static byte[] page(String requestId, ArchivePage page, boolean includeData) {
        StoreQueryResponse.Builder response = header(requestId, StoreStatus.OK);
        for (ArchivedMessage stored : page.messages()) {
            WakuMessageKeyValue.Builder entry = WakuMessageKeyValue.newBuilder()
                    .setMessageHash(ByteString.copyFrom(stored.hash().bytes()));
            if (includeData) {
                entry.setMessage(ByteString.copyFrom(WakuMessageCodec.encode(stored.message())))
                        .setPubsubTopic(stored.pubsubTopic().value());
            }
            response.addMessages(entry);
        }
        page.cursor().ifPresent(cursor -> response.setPaginationCursor(ByteString.copyFrom(cursor.bytes())));
        return response.build().toByteArray();
    }

    /** An answer without messages. */
    static byte[] status(String requestId, StoreStatus status) {
        return header(requestId, status).build().toByteArray();
    }

    private static StoreQueryResponse.Builder header(String requestId, StoreStatus status) {
        return StoreQueryResponse.newBuilder()
                .setRequestId(requestId)
                .setStatusCode(status.code())
                .setStatusDesc(status.description());
    }
}
