package io.logos.delivery.app.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import java.util.List;

/**
 * The answer of {@code GET /store/v3/messages} in nwaku's shape ({@code StoreQueryResponseHex}): hashes and the
 * cursor as {@code 0x} hex, {@code paginationCursor} only when more messages match.
 *
 * @param requestId always empty: the store API does not hand out the id a query went out with, and nwaku's
 *                  own archive answers with an empty one too
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestStoreResponse(String requestId, int statusCode, String statusDesc, List<Entry> messages,
                                String paginationCursor) {

    public static RestStoreResponse of(StoreResponse response) {
        return new RestStoreResponse("", response.statusCode(), response.description(),
                response.messages().stream().map(Entry::of).toList(),
                response.cursor().map(MessageHash::toHex).orElse(null));
    }

    /** One stored message: its hash, and with data its message and pubsub topic ({@code WakuMessageKeyValueHex}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String messageHash, RestWakuMessage message, String pubsubTopic) {

        static Entry of(StoredMessage stored) {
            return new Entry(stored.hash().toHex(), stored.message().map(RestWakuMessage::stored).orElse(null),
                    stored.pubsubTopic().map(PubsubTopic::value).orElse(null));
        }
    }
}
