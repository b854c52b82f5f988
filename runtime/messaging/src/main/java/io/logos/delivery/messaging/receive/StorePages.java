package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every entry a store query matches: its first page, then the pages after it, asked of the peer that answered
 * the first one (cursors are only valid there). A page that fails ends the query with the entries read so far.
 */
final class StorePages {

    /** The entries, and the store peer they came from (empty when none answered). */
    record Entries(Optional<PeerId> peer, List<StoredMessage> entries) {
    }

    /** Stops a service that keeps answering with cursors: 1000 full pages are 100 000 messages. */
    static final int MAX_PAGES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(StorePages.class);

    private StorePages() {
    }

    /** The entries of {@code query}, whose first page is {@code first}. Never fails. */
    static CompletableFuture<Entries> collect(StoreClient store, StoreQuery query, StoreResponse first) {
        List<StoredMessage> entries = new ArrayList<>();
        return follow(store, query, first, entries, 1).thenApply(done -> new Entries(first.peer(), List.copyOf(entries)));
    }

    private static CompletableFuture<Void> follow(StoreClient store, StoreQuery query, StoreResponse page,
                                                  List<StoredMessage> entries, int pages) {
        if (!page.succeeded()) {
            LOG.warn("Store query for the backfill failed at page {} ({}): {} {}", pages,
                    page.peer().map(PeerId::value).orElse("no store peer"), page.statusCode(), page.description());
            return CompletableFuture.completedFuture(null);
        }
        entries.addAll(page.messages());
        if (page.cursor().isEmpty() || page.peer().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (pages >= MAX_PAGES) {
            LOG.warn("Store peer {} still has more after {} pages; the backfill stops there", page.peer().get(),
                    pages);
            return CompletableFuture.completedFuture(null);
        }
        return store.query(query.withCursor(page.cursor().get()), page.peer())
                .thenCompose(next -> follow(store, query, next, entries, pages + 1));
    }
}
