package io.logos.delivery.messaging;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.messaging.ConnectionStatus;
import io.logos.delivery.api.messaging.InvalidEnvelopeException;
import io.logos.delivery.api.messaging.MessageEnvelope;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.api.messaging.MessagingEventListener;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.api.messaging.SubscriptionError;
import io.logos.delivery.api.messaging.SubscriptionException;
import io.logos.delivery.messaging.delivery.DeliveryThread;
import io.logos.delivery.messaging.health.ConnectionMonitor;
import io.logos.delivery.messaging.receive.ReceiveService;
import io.logos.delivery.messaging.send.SendService;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messaging layer over one kernel node: owns the delivery service — the send and receive services, the
 * connection monitor, and the one thread they share — from {@link #start()} to {@link #stop()}. Builds nothing in
 * the kernel; it observes the node through the node's listeners and clients.
 */
final class DeliveryMessagingApi implements MessagingApi {

    private enum State { NEW, RUNNING, STOPPED }

    private final WakuNode node;
    private final boolean ownsNode;
    private final Mode mode;
    private final MessagingOptions options;
    private final List<SendProcessor> chain;
    private final EnvelopeAdmission admission;
    private final MessagingEvents events = new MessagingEvents();
    private final Set<ContentTopic> subscriptions = ConcurrentHashMap.newKeySet();
    private final NodeInfo nodeInfo;
    private volatile State state = State.NEW;
    private DeliveryThread thread;
    private SendService sendService;
    private ReceiveService receiveService;
    private ConnectionMonitor monitor;
    private Registration kernelEvents;

    /**
     * @param ownsNode whether this layer starts and stops {@code node}
     * @param chain    the send processors, in the order they are tried
     */
    DeliveryMessagingApi(WakuNode node, boolean ownsNode, MessagingOptions options, List<SendProcessor> chain) {
        this.node = node;
        this.ownsNode = ownsNode;
        this.mode = node.relay().isPresent() ? Mode.CORE : Mode.EDGE;
        this.options = options;
        this.chain = List.copyOf(chain);
        AutoSharding sharding = node.autoSharding().orElseThrow(() -> new IllegalArgumentException(
                "the messaging API needs a node with autosharding (--num-shards-in-network > 0)"));
        this.admission = new EnvelopeAdmission(sharding, node.maxMessageSize(), options.clock());
        this.nodeInfo = new NodeInfo(this);
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public WakuNode kernel() {
        return node;
    }

    @Override
    public synchronized CompletableFuture<Void> start() {
        if (state != State.NEW) {
            return CompletableFuture.failedFuture(new IllegalStateException("the messaging API was already started"));
        }
        CompletableFuture<Void> kernel = ownsNode ? node.start() : CompletableFuture.completedFuture(null);
        return kernel.thenRun(this::startDeliveryService);
    }

    private synchronized void startDeliveryService() {
        thread = new DeliveryThread();
        sendService = new SendService(chain, node.store(), options, events, thread);
        receiveService = new ReceiveService(node, mode, options, events, thread);
        monitor = new ConnectionMonitor(node, events, receiveService::connectionStatusChanged);
        thread.execute(receiveService::start);
        kernelEvents = node.addEventListener(event -> thread.execute(monitor::check));
        thread.every(options.serviceLoopInterval(), this::runRound);
        thread.execute(monitor::check);
        state = State.RUNNING;
    }

    private void runRound() {
        monitor.check();
        sendService.runRound();
        receiveService.runRound();
    }

    @Override
    public synchronized CompletableFuture<Void> stop() {
        if (state == State.STOPPED) {
            return CompletableFuture.completedFuture(null);
        }
        boolean wasRunning = state == State.RUNNING;
        state = State.STOPPED;
        if (wasRunning) {
            kernelEvents.close();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            thread.execute(() -> {
                receiveService.close();
                closed.complete(null);
            });
            closed.join();
            thread.close();
            events.close();
        }
        return ownsNode ? node.stop() : CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        stop().join();
    }

    @Override
    public void subscribe(Collection<String> contentTopics) {
        requireRunning();
        List<SubscriptionError> errors = new ArrayList<>();
        Set<ContentTopic> added = new LinkedHashSet<>();
        for (String text : contentTopics) {
            try {
                ContentTopic topic = admission.contentTopic(text);
                if (subscriptions.add(topic)) {
                    added.add(topic);
                }
            } catch (InvalidEnvelopeException e) {
                errors.add(new SubscriptionError(text, e.getMessage()));
            }
        }
        if (!added.isEmpty()) {
            thread.execute(() -> receiveService.subscribe(added));
        }
        throwIfAny(errors);
    }

    @Override
    public void unsubscribe(Collection<String> contentTopics) {
        requireRunning();
        List<SubscriptionError> errors = new ArrayList<>();
        Set<ContentTopic> removed = new LinkedHashSet<>();
        for (String text : contentTopics) {
            try {
                ContentTopic topic = admission.contentTopic(text);
                if (subscriptions.remove(topic)) {
                    removed.add(topic);
                } else {
                    errors.add(new SubscriptionError(text, "not subscribed"));
                }
            } catch (InvalidEnvelopeException e) {
                errors.add(new SubscriptionError(text, e.getMessage()));
            }
        }
        if (!removed.isEmpty()) {
            thread.execute(() -> receiveService.unsubscribe(removed));
        }
        throwIfAny(errors);
    }

    private static void throwIfAny(List<SubscriptionError> errors) {
        if (!errors.isEmpty()) {
            throw new SubscriptionException(errors);
        }
    }

    @Override
    public List<String> subscriptions() {
        return subscriptions.stream().map(ContentTopic::value).sorted().toList();
    }

    @Override
    public RequestId send(MessageEnvelope envelope) {
        requireRunning();
        OutgoingMessage message = admission.admit(envelope);
        ContentTopic topic = ContentTopic.parse(envelope.contentTopic());
        if (options.autoSubscribe().subscribeOnSend(topic) && subscriptions.add(topic)) {
            thread.execute(() -> receiveService.subscribe(Set.of(topic)));
        }
        RequestId id = RequestId.random();
        thread.execute(() -> sendService.submit(id, message));
        return id;
    }

    private void requireRunning() {
        switch (state) {
            case NEW -> throw new IllegalStateException("the messaging API is not started: call start() first");
            case STOPPED -> throw new IllegalStateException("the messaging API is stopped");
            case RUNNING -> { }
        }
    }

    @Override
    public ConnectionStatus connectionStatus() {
        ConnectionMonitor current = monitor;
        return state == State.RUNNING && current != null ? current.status() : ConnectionStatus.DISCONNECTED;
    }

    @Override
    public Registration addListener(MessagingEventListener listener) {
        return events.add(listener);
    }

    @Override
    public List<String> nodeInfoIds() {
        return NodeInfo.IDS;
    }

    @Override
    public String nodeInfo(String id) {
        return nodeInfo.get(id);
    }
}
