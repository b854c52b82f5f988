package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoredMessage;
import io.logos.delivery.messaging.receive.IncomingMessages.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers from store what the node missed while offline, as nwaku's receive service does: per subscribed
 * shard, the hashes of the messages in the window on the subscribed topics; then, from the same store peer, the
 * messages whose hashes were not seen yet, emitted in timestamp order (dedup still applies). One backfill runs
 * at a time; windows that come meanwhile are merged and run after it. Called on the delivery thread.
 */
final class StoreBackfill {

    /** The most hashes one look-up asks for, and the page size asked for (store's cap). */
    static final int MAX_PER_QUERY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StoreBackfill.class);
    private static final Comparator<ReceivedMessage> BY_TIMESTAMP =
            Comparator.comparingLong((ReceivedMessage received) -> received.message().timestamp())
                    .thenComparing(ReceivedMessage::hash);

    private final StoreClient store;
    private final Supplier<Map<PubsubTopic, Set<ContentTopic>>> subscribed;
    private final SeenMessages seen;
    private final IncomingMessages incoming;
    private final Executor deliveryThread;
    private boolean running;
    private TimeWindow pending;
    private boolean closed;

    /** @param subscribed the subscribed topics by shard at the time a backfill starts */
    StoreBackfill(StoreClient store, Supplier<Map<PubsubTopic, Set<ContentTopic>>> subscribed, SeenMessages seen,
                  IncomingMessages incoming, Executor deliveryThread) {
        this.store = store;
        this.subscribed = subscribed;
        this.seen = seen;
        this.incoming = incoming;
        this.deliveryThread = deliveryThread;
    }

    void run(TimeWindow window) {
        if (closed) {
            return;
        }
        if (running) {
            pending = pending == null ? window : pending.span(window);
            return;
        }
        Map<PubsubTopic, Set<ContentTopic>> shards = subscribed.get();
        if (shards.isEmpty()) {
            return;
        }
        running = true;
        LOG.info("Back online: asking store for what was missed on {} shard(s) over {}", shards.size(), window);
        List<CompletableFuture<List<ReceivedMessage>>> recoveries = new ArrayList<>();
        shards.forEach((shard, topics) -> recoveries.add(recover(shard, topics, window)));
        CompletableFuture.allOf(recoveries.toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> deliveryThread.execute(() -> finish(recoveries)));
    }

    private CompletableFuture<List<ReceivedMessage>> recover(PubsubTopic shard, Set<ContentTopic> topics,
                                                             TimeWindow window) {
        StoreQuery hashes = StoreQuery.builder().includeData(false).pubsubTopic(shard)
                .contentTopics(topics.stream().map(ContentTopic::value).sorted().toList())
                .timeStart(window.fromNanos()).timeEnd(window.toNanos())
                .direction(PagingDirection.FORWARD).pageSize(MAX_PER_QUERY).build();
        return store.queryToAny(hashes, StoreClient.DEFAULT_ATTEMPTS)
                .thenCompose(first -> StorePages.collect(store, hashes, first))
                .thenComposeAsync(found -> fetchUnseen(shard, found), deliveryThread);
    }

    /** On the delivery thread, where the seen hashes are: fetches the messages not seen yet. */
    private CompletableFuture<List<ReceivedMessage>> fetchUnseen(PubsubTopic shard, StorePages.Entries found) {
        List<MessageHash> missed = found.entries().stream().map(StoredMessage::hash).distinct()
                .filter(hash -> !seen.contains(hash)).toList();
        LOG.debug("Store peer {} holds {} message(s) of {} in the window, {} not seen", found.peer().orElse(null),
                found.entries().size(), shard, missed.size());
        if (missed.isEmpty() || found.peer().isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<StorePages.Entries>> lookups = new ArrayList<>();
        for (int from = 0; from < missed.size(); from += MAX_PER_QUERY) {
            StoreQuery lookup = StoreQuery.builder().includeData(true)
                    .messageHashes(missed.subList(from, Math.min(missed.size(), from + MAX_PER_QUERY)))
                    .direction(PagingDirection.FORWARD).pageSize(MAX_PER_QUERY).build();
            lookups.add(store.query(lookup, found.peer()).thenCompose(first -> StorePages.collect(store, lookup, first)));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> lookups.stream()
                .flatMap(lookup -> lookup.join().entries().stream())
                .filter(entry -> entry.message().isPresent())
                .map(entry -> ReceivedMessage.of(entry.pubsubTopic().orElseThrow(), entry.message().orElseThrow()))
                .toList());
    }

    private void finish(List<CompletableFuture<List<ReceivedMessage>>> recoveries) {
        running = false;
        List<ReceivedMessage> recovered = new ArrayList<>();
        for (CompletableFuture<List<ReceivedMessage>> recovery : recoveries) {
            recovery.handle((messages, failure) -> {
                if (failure != null) {
                    LOG.warn("A backfill from store failed", failure);
                } else {
                    recovered.addAll(messages);
                }
                return null;
            });
        }
        recovered.sort(BY_TIMESTAMP);
        LOG.info("The backfill fetched {} message(s) not seen before", recovered.size());
        recovered.forEach(message -> incoming.accept(message, Path.STORE));
        if (pending != null) {
            TimeWindow next = pending;
            pending = null;
            run(next);
        }
    }

    /** Emits nothing more; a backfill under way ends quietly. */
    void close() {
        closed = true;
        pending = null;
    }
}
