package io.logos.delivery.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.Version;
import io.logos.delivery.app.logging.PeriodicSummary;
import io.logos.delivery.app.metrics.Exposition;
import io.logos.delivery.app.plugin.TestPluginJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MainTest {

    @TempDir
    Path plugins;

    @TempDir
    Path data;

    private CommandRunner runner;

    @BeforeEach
    void installMemoryPlugin() throws IOException {
        Files.copy(TestPluginJars.memoryPluginJar(), plugins.resolve("archive-memory.jar"));
        runner = new CommandRunner(plugins, data);
    }

    private int run(String... args) {
        return runner.run(args);
    }

    private int runNode(String... args) {
        return runner.runNode(args);
    }

    private String onlyErrorLine() {
        return runner.onlyErrorLine();
    }

    @Test
    void printsTheVersion() {
        assertEquals(0, run("--version"));
        assertEquals("logos-delivery " + Version.current(), runner.out.toString().strip());
    }

    @Test
    void printsHelpWithNwakuFlagNames() {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--cluster-id", "--store", "--store-message-db-url", "--max-msg-size",
                "--log-level", "--list-plugins", "--relay", "--lightpush", "--filter", "--shard",
                "--num-shards-in-network", "--staticnode", "--storenode", "--filternode", "--lightpushnode",
                "--rate-limit", "--nodekey", "--max-connections", "--tcp-port", "--websocket-support", "--rest",
                "--rest-address", "--rest-port", "--rest-admin", "--rest-allow-origin", "--rest-relay-cache-capacity",
                "--metrics-server", "--metrics-server-address", "--metrics-server-port", "--metrics-logging"}) {
            assertTrue(runner.out.toString().contains(flag), flag + " missing from help");
        }
    }

    @Test
    void anUnknownFlagIsOneLineWithASuggestionAndStatus2() {
        assertEquals(Main.USAGE_ERROR, run("--stor=true"));
        String line = onlyErrorLine();
        assertTrue(line.startsWith("logos-delivery: Unknown option: '--stor=true'; did you mean "), line);
        assertTrue(line.contains(" --store ") && line.endsWith("? (see --help)"), line);
    }

    @Test
    void badValuesAreOneLineWithStatus2() {
        assertEquals(Main.USAGE_ERROR, run("--cluster-id=abc"));
        assertEquals("logos-delivery: Invalid value for option '--cluster-id': 'abc' is not an int (see --help)",
                onlyErrorLine());
        runner.clearOutput();
        assertEquals(Main.USAGE_ERROR, run("--store=maybe"));
        assertTrue(onlyErrorLine().contains("'maybe' is not a boolean"));
        runner.clearOutput();
        assertEquals(Main.USAGE_ERROR, run("--max-msg-size=lots"));
        assertTrue(onlyErrorLine().contains("invalid message size 'lots'"));
    }

    @Test
    void anOutOfRangeClusterIsAStartupError() {
        assertEquals(Main.STARTUP_FAILURE, run("--cluster-id=70000", "--plugins-dir=" + plugins));
        assertEquals("logos-delivery: error: --cluster-id 70000 is outside 0..65535", onlyErrorLine());
    }

    @Test
    void servicesWithoutRelayOrStaticShardingWithoutShardsAreOneLineStartupErrors() {
        assertEquals(Main.STARTUP_FAILURE, runNode("--relay=false", "--lightpush=true"));
        assertEquals("logos-delivery: error: --lightpush and --filter serve relayed messages: they need --relay=true",
                onlyErrorLine());
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runNode("--num-shards-in-network=0"));
        assertEquals("logos-delivery: error: static sharding (--num-shards-in-network=0) needs at least one --shard",
                onlyErrorLine());
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runNode("--num-shards-in-network=8", "--shard=9"));
        assertEquals("logos-delivery: error: shard 9 is outside the 8 shards of the network (--num-shards-in-network)",
                onlyErrorLine());
    }

    @Test
    void aServicePeerWithoutPeerIdIsOneLineNamingTheFlag() {
        assertEquals(Main.STARTUP_FAILURE, runNode("--lightpushnode=/ip4/127.0.0.1/tcp/60001"));
        String line = onlyErrorLine();
        assertTrue(line.startsWith("logos-delivery: error: --lightpushnode: "), line);
        assertTrue(line.contains("/p2p"), line);
    }

    @Test
    void badRateLimitsAndRetentionPoliciesAreOneLineNamingTheFlag() {
        assertEquals(Main.STARTUP_FAILURE, runNode("--rate-limit=lightpush:lots"));
        assertTrue(onlyErrorLine().startsWith("logos-delivery: error: --rate-limit=lightpush:lots: invalid rate limit"));
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runNode("--rate-limit=gossip:10/1s"));
        assertTrue(onlyErrorLine().contains("unknown protocol 'gossip'"));
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runNode("--store-message-retention-policy=days:2"));
        assertEquals("logos-delivery: error: --store-message-retention-policy: invalid retention policy 'days:2': "
                + "expected time:<seconds>, capacity:<count> or size:<n>MB|GB, joined with ';'", onlyErrorLine());
    }

    @Test
    void badRestSettingsAndABusyRestPortAreOneLineStartupErrors() throws IOException {
        assertEquals(Main.STARTUP_FAILURE, runNode("--rest", "--rest-port=70000"));
        assertEquals("logos-delivery: error: --rest-port 70000 is outside 0..65535", onlyErrorLine());
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runNode("--rest", "--rest-relay-cache-capacity=0"));
        assertEquals("logos-delivery: error: --rest-relay-cache-capacity must be at least 1, got 0", onlyErrorLine());
        runner.clearOutput();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(Main.STARTUP_FAILURE, runNode("--rest", "--rest-port=" + busy.getLocalPort()));
            assertTrue(onlyErrorLine().startsWith("logos-delivery: error: cannot listen for REST on 127.0.0.1:"
                    + busy.getLocalPort() + ": "), runner.err.toString());
        }
    }

    @Test
    void listsPluginsWithNameVersionAndJar() {
        assertEquals(0, run("--list-plugins", "--plugins-dir=" + plugins));
        String listing = runner.out.toString();
        assertTrue(listing.startsWith("SPI"), listing);
        assertTrue(listing.lines().anyMatch(line -> line.startsWith("archive-driver")
                && line.contains(" memory ") && line.contains(Version.current())
                && line.endsWith(plugins.resolve("archive-memory.jar").toString())), listing);
    }

    @Test
    void anUnknownArchiveSchemeIsOneLineWithStatus1() {
        assertEquals(Main.STARTUP_FAILURE, runNode("--store=true", "--store-message-db-url=foo://bar"));
        assertEquals("logos-delivery: error: no archive driver for scheme 'foo' in --store-message-db-url=foo://bar;"
                + " installed: memory", onlyErrorLine());
    }

    @Test
    void runsUntilSignalledThenStopsWithStatus0() throws Exception {
        CompletableFuture<Integer> exit = runner.startNode("--store=true", "--store-message-db-url=memory://");
        runner.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals("", runner.err.toString());
    }

    @Test
    void theMessagingLayerNeedsAutoshardingAndTheSendPluginsAndAKnownMode() {
        assertEquals(Main.STARTUP_FAILURE, runNode("--entry-layer=messaging"));
        assertEquals("logos-delivery: error: --entry-layer=messaging: no send strategy can send through this node;"
                + " installed: [] (install the send-relay and send-lightpush plugins)", onlyErrorLine());
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runNode("--entry-layer=messaging", "--num-shards-in-network=0", "--shard=0"));
        assertEquals("logos-delivery: error: --entry-layer=messaging needs autosharding: --num-shards-in-network must"
                + " be at least 1", onlyErrorLine());
        runner.clearOutput();
        assertEquals(Main.USAGE_ERROR, run("--mode=sideways"));
        assertTrue(onlyErrorLine().contains("--mode"), runner.err.toString());
    }

    @Test
    void anEdgeMessagingNodeRunsUntilSignalled(@TempDir Path distributionPlugins) throws Exception {
        TestPluginJars.installDistributionPlugins(distributionPlugins);
        CommandRunner withSendPlugins = new CommandRunner(distributionPlugins, data);
        CompletableFuture<Integer> exit = withSendPlugins.startNode("--entry-layer=messaging", "--mode=edge");
        withSendPlugins.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals("", withSendPlugins.err.toString());
    }

    @Test
    void wssWithoutKeyAndCertificateIsOneLine() {
        assertEquals(Main.STARTUP_FAILURE, runNode("--websocket-secure-support=true"));
        assertEquals("logos-delivery: error: --websocket-secure-support needs --websocket-secure-key-path and"
                + " --websocket-secure-cert-path", onlyErrorLine());
    }

    @Test
    void booleansTakeNwakuStyleValues() {
        // with the archive on, an unusable URL fails the start; with it off, the URL is never used
        assertEquals(Main.STARTUP_FAILURE, runNode("--store", "--store-message-db-url=foo://"));
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runNode("--store=true", "--store-message-db-url=foo://"));
        runner.stop();
        assertEquals(0, runNode("--store=false", "--store-message-db-url=foo://"));
    }

    @Test
    void jsonLogsAreOneJsonObjectPerLine() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, UTF_8));
        try {
            runner.logLevel = "info";
            CompletableFuture<Integer> exit = runner.startNode("--log-format=json");
            runner.stop();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        } finally {
            System.setOut(console);
        }
        List<String> lines = captured.toString(UTF_8).lines().toList();
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertTrue(event.has("timestamp") && event.has("level") && event.has("loggerName")
                    && event.has("threadName"), line);
            messages.add(event.get("formattedMessage").asText());
        }
        assertTrue(messages.stream().anyMatch(message -> message.startsWith("Node started in")), lines.toString());
        assertTrue(messages.contains("Node stopped"), lines.toString());
    }

    @Test
    void aRunningNodeLogsASummaryAtTheConfiguredInterval() throws Exception {
        Logger summaryLogger = (Logger) LoggerFactory.getLogger(PeriodicSummary.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        summaryLogger.addAppender(logged);
        try {
            runner.logLevel = "info";
            CompletableFuture<Integer> exit = runner.startNode("--metrics-logging-interval=20ms");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (messages(logged).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            runner.stop();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            assertEquals("Summary: peers=0, known peers=0, relay shards=1", messages(logged).getFirst());
        } finally {
            summaryLogger.detachAppender(logged);
        }
    }

    @Test
    void theMetricsServerStartsWithTheNodeOnTheLoggedPortUnderThePrefix() throws Exception {
        Logger nodeLogger = (Logger) LoggerFactory.getLogger(LogosDelivery.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        nodeLogger.addAppender(logged);
        try {
            runner.logLevel = "info";
            CompletableFuture<Integer> exit = runner.startNode("--metrics-server=true", "--metrics-server-port=0",
                    "--metrics-prefix=logos_delivery");
            URI metrics = URI.create(messages(logged).stream().filter(line -> line.startsWith("Metrics on "))
                    .findFirst().orElseThrow(() -> new AssertionError(messages(logged).toString()))
                    .substring("Metrics on ".length()));
            assertEquals("/metrics", metrics.getPath());
            Exposition scrape = Exposition.scrape(new InetSocketAddress(metrics.getHost(), metrics.getPort()));
            assertEquals(1, scrape.value("logos_delivery_version", Map.of("version", Version.current())));
            assertEquals(0, scrape.value("libp2p_peers"));
            runner.stop();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        } finally {
            nodeLogger.detachAppender(logged);
        }
    }

    @Test
    void aMetricsPrefixThatIsNoMetricNameIsOneLine() {
        assertEquals(Main.STARTUP_FAILURE, runNode("--metrics-prefix=1st"));
        assertEquals("logos-delivery: error: --metrics-prefix '1st' is not a metric name: use letters, digits, _ and"
                + " :, not starting with a digit", onlyErrorLine());
    }

    private static List<String> messages(ListAppender<ILoggingEvent> logged) {
        synchronized (logged) {
            return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
