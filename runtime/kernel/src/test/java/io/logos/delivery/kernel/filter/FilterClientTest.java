package io.logos.delivery.kernel.filter;

import static io.logos.delivery.kernel.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.FilterException;
import io.logos.delivery.api.kernel.node.FilterSubscription;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.proto.FilterSubscribeRequest.FilterSubscribeType;
import io.logos.delivery.kernel.ratelimit.RateLimit;
import io.logos.delivery.kernel.testing.Await;
import io.logos.delivery.kernel.testing.FixedServicePeers;
import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Host;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter client against a real filter service (or a fake one) over real connections. */
class FilterClientTest {

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");
    private static final ContentTopic TOPIC = ContentTopic.parse("/app/1/chat/proto");
    private static final ContentTopic OTHER_TOPIC = ContentTopic.parse("/app/1/other/proto");

    private final TestHosts hosts = new TestHosts();
    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<FilterServer> servers = new ArrayList<>();
    private final List<DefaultFilterClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (DefaultFilterClient client : clients) {
            client.stop().get(10, TimeUnit.SECONDS);
        }
        for (FilterServer server : servers) {
            server.stop().get(10, TimeUnit.SECONDS);
        }
        hosts.stopAll();
        scheduler.shutdownNow();
    }

    /** A started host serving filter. */
    private Host serviceHost(FilterServerConfig config) throws Exception {
        Host host = hosts.start();
        FilterServer server = new FilterServer(config, clock, scheduler, new KernelMetrics());
        server.mount(host);
        servers.add(server);
        return host;
    }

    /** A client on a new host connected to {@code service}, which its service peers name. */
    private DefaultFilterClient client(Host clientHost, Host service, FilterClientConfig config) throws Exception {
        TestHosts.connect(clientHost, service);
        DefaultFilterClient client = new DefaultFilterClient(clientHost, new FixedServicePeers(service.peerId()), clock,
                scheduler, config);
        client.mount();
        clients.add(client);
        return client;
    }

    private static ReceivedMessage message(ContentTopic topic, String payload) {
        return message(SHARD, topic, payload);
    }

    private static ReceivedMessage message(PubsubTopic pubsubTopic, ContentTopic topic, String payload) {
        return ReceivedMessage.of(pubsubTopic, WakuMessage.builder().contentTopic(topic)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).timestamp(1).build());
    }

    private static String payload(ReceivedMessage received) {
        return new String(received.message().payload(), StandardCharsets.UTF_8);
    }

    private static FilterException refusal(CompletableFuture<?> future) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(FilterException.class, failed.getCause());
    }

    private static io.logos.delivery.api.kernel.node.PeerId apiId(Host host) {
        return PeerIds.toApi(host.peerId());
    }

    @Test
    void aRelayedMessageReachesTheListenerOfAMatchingSubscription() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        MessageCollector listener = new MessageCollector();

        FilterSubscription subscription = await(client.subscribe(SHARD, Set.of(TOPIC), listener, Optional.empty()));
        assertEquals(apiId(service), subscription.service());
        assertEquals(SHARD, subscription.pubsubTopic());
        assertEquals(Set.of(TOPIC), subscription.contentTopics());
        assertEquals(1, server.subscriberCount());

        server.onMessage(message(OTHER_TOPIC, "other content topic"));
        server.onMessage(message(PubsubTopic.of("/waku/2/rs/1/1"), TOPIC, "other pubsub topic"));
        ReceivedMessage wanted = message(TOPIC, "wanted");
        server.onMessage(wanted);
        server.onMessage(wanted);
        ReceivedMessage next = message(TOPIC, "next");
        server.onMessage(next);

        assertEquals(List.of(wanted, next), listener.await(2));
    }

    @Test
    void unsubscribeStopsDeliveryAndEndsTheSubscriptionAtTheService() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        MessageCollector chat = new MessageCollector();
        MessageCollector other = new MessageCollector();
        FilterSubscription chatSubscription = await(client.subscribe(SHARD, Set.of(TOPIC), chat, Optional.empty()));
        await(client.subscribe(SHARD, Set.of(OTHER_TOPIC), other, Optional.of(apiId(service))));
        assertEquals(2, server.criteriaCount());

        await(chatSubscription.unsubscribe());
        assertEquals(1, server.criteriaCount());
        await(chatSubscription.unsubscribe());

        server.onMessage(message(TOPIC, "after unsubscribe"));
        server.onMessage(message(OTHER_TOPIC, "sentinel"));
        other.await(1);
        assertTrue(chat.received().isEmpty());
    }

    @Test
    void aCriterionSharedBySubscriptionsStaysUntilTheLastOneGoes() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        MessageCollector first = new MessageCollector();
        MessageCollector second = new MessageCollector();
        FilterSubscription firstSubscription = await(client.subscribe(SHARD, Set.of(TOPIC), first, Optional.empty()));
        FilterSubscription secondSubscription = await(client.subscribe(SHARD, Set.of(TOPIC), second, Optional.empty()));

        await(firstSubscription.unsubscribe());
        assertEquals(1, server.criteriaCount());
        server.onMessage(message(TOPIC, "for the second"));
        assertEquals("for the second", payload(second.await(1).getFirst()));
        assertTrue(first.received().isEmpty());

        await(secondSubscription.unsubscribe());
        assertEquals(0, server.subscriberCount());
        assertEquals(404, refusal(client.ping(apiId(service))).statusCode());
    }

    @Test
    void unsubscribeAllEndsEverySubscriptionAtTheService() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        FilterSubscription subscription = await(client.subscribe(SHARD, Set.of(TOPIC, OTHER_TOPIC),
                new MessageCollector(), Optional.empty()));

        await(client.unsubscribeAll(apiId(service)));
        assertEquals(0, server.subscriberCount());
        await(subscription.unsubscribe());
        assertEquals(404, refusal(client.unsubscribeAll(apiId(service))).statusCode());
    }

    @Test
    void pingSucceedsOnlyWhileSubscribed() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        FilterException notFound = refusal(client.ping(apiId(service)));
        assertEquals(404, notFound.statusCode());
        assertEquals("404: NOT_FOUND: peer has no subscriptions", notFound.getMessage());

        await(client.subscribe(SHARD, Set.of(TOPIC), new MessageCollector(), Optional.empty()));
        await(client.ping(apiId(service)));
    }

    @Test
    void refusalsCarryTheServiceStatus() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT.withMaxCriteriaPerPeer(2)
                .withRateLimit(new RateLimit(3, Duration.ofMinutes(1))));
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        Set<ContentTopic> three = Set.of(TOPIC, OTHER_TOPIC, ContentTopic.parse("/app/1/third/proto"));

        FilterException full = refusal(client.subscribe(SHARD, three, new MessageCollector(), Optional.empty()));
        assertEquals(503, full.statusCode());
        assertEquals(0, server.subscriberCount());
        assertEquals(404, refusal(client.ping(apiId(service))).statusCode());
        assertEquals(404, refusal(client.ping(apiId(service))).statusCode());
        assertEquals(429, refusal(client.ping(apiId(service))).statusCode(), "429 answers carry no request id");
    }

    @Test
    void manyContentTopicsAreSubscribedInChunksOfAHundred() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        Set<ContentTopic> topics = IntStream.range(0, 150)
                .mapToObj(i -> ContentTopic.parse("/app/1/topic-" + i + "/proto")).collect(Collectors.toSet());
        MessageCollector listener = new MessageCollector();

        FilterSubscription subscription = await(client.subscribe(SHARD, topics, listener, Optional.empty()));
        assertEquals(150, server.criteriaCount());
        server.onMessage(message(ContentTopic.parse("/app/1/topic-149/proto"), "last topic"));
        listener.await(1);

        await(subscription.unsubscribe());
        assertEquals(0, server.subscriberCount());
    }

    @Test
    void chunksTakenBeforeARefusalAreUnsubscribed() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT.withMaxCriteriaPerPeer(120));
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        Set<ContentTopic> topics = IntStream.range(0, 150)
                .mapToObj(i -> ContentTopic.parse("/app/1/topic-" + i + "/proto")).collect(Collectors.toSet());

        assertEquals(503, refusal(client.subscribe(SHARD, topics, new MessageCollector(), Optional.empty()))
                .statusCode());
        Await.until(() -> server.subscriberCount() == 0, "the service has no subscriber left");
    }

    @Test
    void twoClientsOfTheSameTopicBothReceive() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient alice = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        DefaultFilterClient bob = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        MessageCollector aliceListener = new MessageCollector();
        MessageCollector bobListener = new MessageCollector();
        await(alice.subscribe(SHARD, Set.of(TOPIC), aliceListener, Optional.empty()));
        await(bob.subscribe(SHARD, Set.of(TOPIC), bobListener, Optional.empty()));

        ReceivedMessage message = message(TOPIC, "for both");
        server.onMessage(message);
        assertEquals(List.of(message), aliceListener.await(1));
        assertEquals(List.of(message), bobListener.await(1));
    }

    @Test
    void aMessagePushedByTwoServicesIsDeliveredOnce() throws Exception {
        Host firstService = serviceHost(FilterServerConfig.DEFAULT);
        Host secondService = serviceHost(FilterServerConfig.DEFAULT);
        Host clientHost = hosts.start();
        DefaultFilterClient client = client(clientHost, firstService, FilterClientConfig.DEFAULT);
        TestHosts.connect(clientHost, secondService);
        MessageCollector listener = new MessageCollector();
        await(client.subscribe(SHARD, Set.of(TOPIC), listener, Optional.of(apiId(firstService))));
        await(client.subscribe(SHARD, Set.of(TOPIC), listener, Optional.of(apiId(secondService))));

        ReceivedMessage twice = message(TOPIC, "redundant");
        servers.get(0).onMessage(twice);
        servers.get(1).onMessage(twice);
        ReceivedMessage sentinel = message(TOPIC, "sentinel");
        servers.get(0).onMessage(sentinel);
        servers.get(1).onMessage(sentinel);

        Await.until(() -> listener.received().contains(sentinel), "the sentinel arrived");
        assertEquals(List.of(twice, sentinel), listener.received());
    }

    @Test
    void pingsKeepTheSubscriptionAlive() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        MessageCollector listener = new MessageCollector();
        await(client.subscribe(SHARD, Set.of(TOPIC), listener, Optional.empty()));

        for (int round = 0; round < 3; round++) {
            clock.advance(Duration.ofMinutes(4));
            await(client.keepAlive());
            server.maintain();
        }
        assertEquals(1, server.subscriberCount(), "12 minutes later, pinged every 4");
        server.onMessage(message(TOPIC, "still subscribed"));
        listener.await(1);
    }

    @Test
    void theClientSubscribesAgainWhenThePingIsNotFound() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        DefaultFilterClient client = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        MessageCollector listener = new MessageCollector();
        await(client.subscribe(SHARD, Set.of(TOPIC, OTHER_TOPIC), listener, Optional.empty()));
        clock.advance(Duration.ofMinutes(6));
        server.maintain();
        assertEquals(0, server.subscriberCount());

        await(client.keepAlive());
        assertEquals(2, server.criteriaCount());
        server.onMessage(message(OTHER_TOPIC, "after resubscribing"));
        listener.await(1);
    }

    @Test
    void theClientSubscribesAgainWhenItsConnectionToTheServiceComesBack() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        FilterServer server = servers.getFirst();
        Host clientHost = hosts.start();
        DefaultFilterClient client = client(clientHost, service, FilterClientConfig.DEFAULT);
        MessageCollector listener = new MessageCollector();
        await(client.subscribe(SHARD, Set.of(TOPIC), listener, Optional.empty()));

        clientHost.connections(service.peerId()).forEach(Connection::close);
        Await.until(() -> service.connections(clientHost.peerId()).isEmpty(), "the service saw the connection close");
        clock.advance(Duration.ofMinutes(6));
        server.maintain();
        assertEquals(0, server.subscriberCount(), "the service forgot the client meanwhile");

        TestHosts.connect(clientHost, service);
        Await.until(() -> server.subscriberCount() == 1, "the client subscribed again");
        Await.until(() -> !service.connections(clientHost.peerId()).isEmpty(), "the service saw the new connection");
        server.onMessage(message(TOPIC, "after reconnecting"));
        assertEquals("after reconnecting", payload(listener.await(1).getFirst()));
    }

    @Test
    void anUnreachableServiceIsReported() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        Host clientHost = hosts.start();
        TestHosts.connect(clientHost, service);
        FixedServicePeers servicePeers = new FixedServicePeers(service.peerId());
        DefaultFilterClient client = new DefaultFilterClient(clientHost, servicePeers, clock, scheduler,
                FilterClientConfig.DEFAULT);
        client.mount();
        clients.add(client);
        await(client.subscribe(SHARD, Set.of(TOPIC), new MessageCollector(), Optional.empty()));

        clientHost.connections(service.peerId()).forEach(Connection::close);
        Await.until(() -> clientHost.connections(service.peerId()).isEmpty(), "the connection closed");
        await(client.keepAlive());
        assertEquals(List.of(service.peerId()), servicePeers.failures());
        assertEquals(504, refusal(client.ping(apiId(service))).statusCode());
    }

    @Test
    void pushesFromAPeerWeDidNotSubscribeWithAreIgnored() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT);
        Host clientHost = hosts.start();
        DefaultFilterClient client = client(clientHost, service, FilterClientConfig.DEFAULT);
        MessageCollector listener = new MessageCollector();
        await(client.subscribe(SHARD, Set.of(TOPIC), listener, Optional.empty()));

        Host stranger = hosts.start();
        TestHosts.connect(stranger, clientHost);
        FramedStream strangerPushes = FakeFilterService.mount(stranger).openPushStream(clientHost.peerId());
        FakeFilterService.push(strangerPushes, message(TOPIC, "unasked"));
        assertEquals(Optional.empty(), await(strangerPushes.read()), "the client closed the stranger's stream");

        ReceivedMessage real = message(TOPIC, "real");
        servers.getFirst().onMessage(real);
        assertEquals(List.of(real), listener.await(1));
    }

    @Test
    void pushesOutsideOurCriteriaAtAServiceAreIgnored() throws Exception {
        Host fakeHost = hosts.start();
        FakeFilterService fake = FakeFilterService.mount(fakeHost);
        Host clientHost = hosts.start();
        DefaultFilterClient client = client(clientHost, fakeHost, FilterClientConfig.DEFAULT);
        MessageCollector listener = new MessageCollector();
        await(client.subscribe(SHARD, Set.of(TOPIC), listener, Optional.empty()));
        var subscribe = fake.requests().getFirst();
        assertEquals(FilterSubscribeType.SUBSCRIBE, subscribe.getFilterSubscribeType());
        assertEquals(SHARD.value(), subscribe.getPubsubTopic());
        assertEquals(List.of(TOPIC.value()), subscribe.getContentTopicsList());
        assertEquals(20, subscribe.getRequestId().length(), "10 random bytes in hex");

        FramedStream pushes = fake.openPushStream(clientHost.peerId());
        FakeFilterService.push(pushes, message(OTHER_TOPIC, "other content topic"));
        FakeFilterService.push(pushes, message(PubsubTopic.of("/waku/2/rs/1/1"), TOPIC, "other pubsub topic"));
        ReceivedMessage wanted = message(TOPIC, "wanted");
        FakeFilterService.push(pushes, wanted);
        assertEquals(List.of(wanted), listener.await(1));

        await(client.stop());
        assertEquals(Optional.empty(), await(pushes.read()), "stop closed the push stream");
        assertFalse(clientHost.protocols().contains(FilterProtocol.PUSH_ID));
    }

    @Test
    void badOrMissingAnswersAreClientSideFailures() throws Exception {
        Host fakeHost = hosts.start();
        FakeFilterService fake = FakeFilterService.mount(fakeHost);
        FilterClientConfig quickPing = new FilterClientConfig(Duration.ofSeconds(15), Duration.ofMillis(200),
                Duration.ofSeconds(30), FilterClientConfig.DEFAULT.messageSizeLimit(), Duration.ofMinutes(2), 100);
        DefaultFilterClient client = client(hosts.start(), fakeHost, quickPing);

        fake.answer(FakeFilterService.Answer.WRONG_REQUEST_ID);
        FilterException mismatch = refusal(client.unsubscribeAll(apiId(fakeHost)));
        assertEquals(300, mismatch.statusCode());
        assertTrue(mismatch.getMessage().contains("instead of"), mismatch.getMessage());

        fake.answer(FakeFilterService.Answer.SILENCE);
        assertEquals(504, refusal(client.ping(apiId(fakeHost))).statusCode());

        Host stranger = hosts.start();
        assertEquals(504, refusal(client.ping(apiId(stranger))).statusCode(), "not connected");
    }

    @Test
    void aSubscriptionTheServiceRefusedDeliversNothing() throws Exception {
        Host service = serviceHost(FilterServerConfig.DEFAULT.withMaxPeersToServe(1));
        FilterServer server = servers.getFirst();
        DefaultFilterClient first = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        DefaultFilterClient second = client(hosts.start(), service, FilterClientConfig.DEFAULT);
        MessageCollector firstListener = new MessageCollector();
        MessageCollector secondListener = new MessageCollector();
        await(first.subscribe(SHARD, Set.of(TOPIC), firstListener, Optional.empty()));

        assertEquals(503, refusal(second.subscribe(SHARD, Set.of(TOPIC), secondListener, Optional.empty()))
                .statusCode());
        server.onMessage(message(TOPIC, "only for the first"));
        firstListener.await(1);
        assertTrue(secondListener.received().isEmpty());

        await(first.unsubscribeAll(apiId(service)));
        await(second.keepAlive());
        assertEquals(0, server.subscriberCount(), "a refused subscription is not subscribed again");
    }
}
