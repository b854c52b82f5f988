package io.logos.delivery.messaging.send;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.messaging.MessagingEvent;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.messaging.delivery.EventSink;
import io.logos.delivery.messaging.send.SendTask.State;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import io.logos.delivery.spi.messaging.SendResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Sends messages through a chain of {@link SendProcessor}s and follows each until a store confirms it, the
 * propagation window closes, or it needs no confirmation — nwaku's send service:
 * <ul>
 *   <li>A transmission walks the chain (relay, then light push when relay has no peers). Propagated: the first
 *       time, {@code message:send-propagated}. Nothing could send it, or a passing fault: transmitted again in the
 *       next round. Refused: {@code message:send-error} with the reason, and the message is dropped.</li>
 *   <li>Not propagated within {@link MessagingOptions#propagationTimeout()} of its first transmission: given up with
 *       {@code message:send-error} "{@value #SEND_WINDOW_CLOSED}".</li>
 *   <li>Durable messages, when {@link MessagingOptions#storeConfirmation()} is on: once propagated for
 *       {@link MessagingOptions#archiveTime()}, at most every {@link MessagingOptions#storeCheckInterval()}, one
 *       presence query by hash for all of them. Held: {@code message:sent}. Not held: transmitted again in the next
 *       round. Still unconfirmed {@link MessagingOptions#confirmationTimeout()} after the first propagation: dropped
 *       without an event (counted, {@link #unconfirmedDropCount()}). Ephemeral messages, or any message when store
 *       confirmation is off, are done once propagated.</li>
 *   <li>With a {@link MessagingOptions#sendBudget() send budget}, a message's first transmission takes a slot of
 *       the current epoch; re-sends are free. A message over the budget waits, in submission order, for an epoch
 *       with a free slot. Its propagation window opens only at its first transmission (as nwaku's, which counts
 *       from admission), so waiting for budget never turns into a send error.</li>
 * </ul>
 * Every method runs on the delivery thread; the processors' and the store's answers hop back onto it.
 */
public final class SendService {

    /** nwaku's error text for a message not propagated in time. */
    static final String SEND_WINDOW_CLOSED = "Unable to send within retry time window";

    private final SendChain chain;
    private final StoreConfirmations confirmations;
    private final MessagingOptions options;
    private final Clock clock;
    private final EventSink events;
    private final Executor deliveryThread;
    private final EpochBudget budget;
    private final Map<RequestId, SendTask> tasks = new LinkedHashMap<>();
    private final Queue<SendTask> awaitingBudget = new ArrayDeque<>();
    private long unconfirmedDrops;

    /**
     * @param chain          the processors in the order they are tried
     * @param store          confirms durable messages by hash-presence queries
     * @param events         receives propagated / sent / send-error events
     * @param deliveryThread the thread every method is called on, and that completions must hop back onto
     */
    public SendService(List<SendProcessor> chain, StoreClient store, MessagingOptions options, EventSink events,
                       Executor deliveryThread) {
        this.chain = new SendChain(chain, deliveryThread);
        this.confirmations = new StoreConfirmations(Objects.requireNonNull(store, "store"),
                options.storeCheckInterval(), deliveryThread);
        this.options = options;
        this.clock = options.clock();
        this.events = Objects.requireNonNull(events, "events");
        this.deliveryThread = deliveryThread;
        this.budget = new EpochBudget(options.sendBudget(), clock);
    }

    /** Starts the first transmission of {@code message}; called on the delivery thread. */
    public void submit(RequestId id, OutgoingMessage message) {
        if (tasks.containsKey(id)) {
            throw new IllegalArgumentException("request " + id + " is already being sent");
        }
        SendTask task = new SendTask(id, message);
        tasks.put(id, task);
        // behind messages already waiting, so that the budget serves them in submission order
        if (awaitingBudget.isEmpty() && budget.tryConsume()) {
            transmit(task);
        } else {
            task.moveTo(State.AWAITING_BUDGET, "over the send budget of this epoch");
            awaitingBudget.add(task);
        }
    }

    /** One service-loop round on the delivery thread: re-sends, store confirmations, give-ups. */
    public void runRound() {
        Instant now = clock.instant();
        giveUp(now);
        while (!awaitingBudget.isEmpty() && budget.tryConsume()) {
            transmit(awaitingBudget.remove());
        }
        tasksIn(State.AWAITING_RETRY).forEach(this::transmit);
        checkStore(now);
    }

    /** The messages being followed: waiting, in flight, or waiting for confirmation. On the delivery thread. */
    public int trackedCount() {
        return tasks.size();
    }

    /**
     * Propagated messages dropped because no store confirmed them in time (nwaku's store validation timeouts). On
     * the delivery thread.
     */
    public long unconfirmedDropCount() {
        return unconfirmedDrops;
    }

    private void transmit(SendTask task) {
        task.transmitting(clock.instant());
        chain.send(task).thenAcceptAsync(result -> answered(task, result), deliveryThread);
    }

    private void answered(SendTask task, SendResult result) {
        if (tasks.get(task.id()) != task) {
            return; // given up while the transmission was under way
        }
        switch (result) {
            case SendResult.Propagated(int peers) -> propagated(task, peers);
            case SendResult.RetryLater(String reason) -> task.moveTo(State.AWAITING_RETRY, reason);
            case SendResult.TryNext(String reason) -> task.moveTo(State.AWAITING_RETRY, reason);
            case SendResult.Failed(String reason) -> fail(task, reason);
        }
    }

    private void propagated(SendTask task, int peers) {
        if (task.propagatedAt(clock.instant())) {
            events.emit(new MessagingEvent.MessagePropagated(task.id(), task.message().hash()));
        }
        if (options.storeConfirmation() && !task.message().message().ephemeral()) {
            task.moveTo(State.PROPAGATED, peers + " peers took it");
        } else {
            end(task, State.DONE, "propagated to " + peers + " peers; no store confirmation wanted");
        }
    }

    private void fail(SendTask task, String reason) {
        end(task, State.FAILED, reason);
        events.emit(new MessagingEvent.MessageSendError(task.id(), Optional.of(task.message().hash()), reason));
    }

    private void end(SendTask task, State state, String why) {
        task.moveTo(state, why);
        tasks.remove(task.id());
    }

    private void giveUp(Instant now) {
        for (SendTask task : List.copyOf(tasks.values())) {
            if (task.sendWindowClosed(now, options.propagationTimeout())) {
                fail(task, SEND_WINDOW_CLOSED);
            } else if (task.confirmationWindowClosed(now, options.confirmationTimeout())) {
                unconfirmedDrops++;
                end(task, State.UNCONFIRMED, "no store confirmed it within " + options.confirmationTimeout());
            }
        }
    }

    private void checkStore(Instant now) {
        if (!options.storeConfirmation() || !confirmations.mayCheck(now)) {
            return;
        }
        List<MessageHash> due = tasks.values().stream()
                .filter(task -> task.dueForStoreCheck(now, options.archiveTime()))
                .map(task -> task.message().hash())
                .toList();
        if (!due.isEmpty()) {
            confirmations.check(due, now, this::storeAnswered);
        }
    }

    private void storeAnswered(Set<MessageHash> asked, Set<MessageHash> held) {
        for (SendTask task : tasksIn(State.PROPAGATED)) {
            MessageHash hash = task.message().hash();
            if (held.contains(hash)) {
                end(task, State.CONFIRMED, "a store holds it");
                events.emit(new MessagingEvent.MessageSent(task.id(), hash));
            } else if (asked.contains(hash)) {
                task.moveTo(State.AWAITING_RETRY, "no store holds it yet");
            }
        }
    }

    private List<SendTask> tasksIn(State state) {
        return tasks.values().stream().filter(task -> task.state() == state).toList();
    }
}
