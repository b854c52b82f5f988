package io.logos.delivery.messaging.send;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.StoreQuery;
import io.logos.delivery.api.kernel.node.StoreResponse;
import io.logos.delivery.api.kernel.node.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks store peers which of our propagated messages they hold: presence queries ({@code include_data: false}) by
 * message hash, at most {@value #MAX_HASHES_PER_QUERY} hashes a query (a store page's maximum), one round of queries
 * at a time and at most one round per check interval.
 */
final class StoreConfirmations {

    /** The most messages a store page holds, so the most hashes one presence query can confirm. */
    static final int MAX_HASHES_PER_QUERY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StoreConfirmations.class);

    private final StoreClient store;
    private final Duration checkInterval;
    private final Executor deliveryThread;
    private Optional<Instant> lastCheck = Optional.empty();
    private int queriesInFlight;

    StoreConfirmations(StoreClient store, Duration checkInterval, Executor deliveryThread) {
        this.store = store;
        this.checkInterval = checkInterval;
        this.deliveryThread = deliveryThread;
    }

    /** No query is in flight, and the last round started at least the check interval ago. */
    boolean mayCheck(Instant now) {
        return queriesInFlight == 0 && lastCheck.filter(last -> now.isBefore(last.plus(checkInterval))).isEmpty();
    }

    /**
     * Asks for {@code hashes}; {@code onAnswer} gets, on the delivery thread, each answered query's hashes and those
     * of them the store holds. A failed query is logged and answers nothing: its messages are asked for again in a
     * later round.
     */
    void check(List<MessageHash> hashes, Instant now, BiConsumer<Set<MessageHash>, Set<MessageHash>> onAnswer) {
        lastCheck = Optional.of(now);
        List<MessageHash> distinct = hashes.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += MAX_HASHES_PER_QUERY) {
            List<MessageHash> batch = distinct.subList(from, Math.min(distinct.size(), from + MAX_HASHES_PER_QUERY));
            query(batch, onAnswer);
        }
    }

    private void query(List<MessageHash> batch, BiConsumer<Set<MessageHash>, Set<MessageHash>> onAnswer) {
        StoreQuery query = StoreQuery.builder().includeData(false).messageHashes(batch).pageSize(batch.size()).build();
        LOG.debug("Asking a store whether it holds {} messages", batch.size());
        CompletableFuture<StoreResponse> answer;
        try {
            answer = store.queryToAny(query, StoreClient.DEFAULT_ATTEMPTS);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        queriesInFlight++;
        answer.whenCompleteAsync((response, failure) -> {
            queriesInFlight--;
            if (failure != null) {
                LOG.warn("Store confirmation query failed instead of answering", failure);
            } else if (!response.succeeded()) {
                LOG.debug("No store confirmed {} messages this round: {} {}", batch.size(), response.statusCode(),
                        response.description());
            } else {
                onAnswer.accept(Set.copyOf(batch), held(response));
            }
        }, deliveryThread);
    }

    private static Set<MessageHash> held(StoreResponse response) {
        return response.messages().stream().map(StoredMessage::hash).collect(Collectors.toSet());
    }
}
