package io.logos.delivery.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.app.Version;
import io.logos.delivery.app.plugin.TestPluginJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path plugins;

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final TestSignal signal = new TestSignal();

    @BeforeEach
    void installMemoryPlugin() throws IOException {
        Files.copy(TestPluginJars.memoryPluginJar(), plugins.resolve("archive-memory.jar"));
    }

    private int run(String... args) {
        return Main.run(args, signal, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Runs with the test's plugins and data folders, on a free loopback port. */
    private int runNode(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins-dir=" + plugins, "--local-storage-path=" + data,
                "--listen-address=127.0.0.1", "--tcp-port=0", "--log-level=warn"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private String onlyErrorLine() {
        String[] lines = err.toString().strip().split("\\R");
        assertEquals(1, lines.length, "expected one error line, got: " + err);
        return lines[0];
    }

    @Test
    void printsTheVersion() {
        assertEquals(0, run("--version"));
        assertEquals("logos-delivery " + Version.current(), out.toString().strip());
    }

    @Test
    void printsHelpWithNwakuFlagNames() {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--cluster-id", "--store", "--store-message-db-url", "--max-msg-size",
                "--log-level", "--list-plugins", "--relay", "--lightpush", "--filter", "--shard",
                "--num-shards-in-network", "--staticnode", "--storenode", "--filternode", "--lightpushnode",
                "--rate-limit", "--nodekey", "--max-connections", "--tcp-port", "--websocket-support"}) {
            assertTrue(out.toString().contains(flag), flag + " missing from help");
        }
    }

    @Test
    void anUnknownFlagIsOneLineWithASuggestionAndStatus2() {
        assertEquals(Main.USAGE_ERROR, run("--stor=true"));
        assertEquals("logos-delivery: Unknown option: '--stor=true'; did you mean --staticnode or --storenode or --store or --store-message-db-url"
                + " or --store-max-num-db-connections? (see --help)", onlyErrorLine());
    }

    @Test
    void badValuesAreOneLineWithStatus2() {
        assertEquals(Main.USAGE_ERROR, run("--cluster-id=abc"));
        assertEquals("logos-delivery: Invalid value for option '--cluster-id': 'abc' is not an int (see --help)",
                onlyErrorLine());
        err.getBuffer().setLength(0);
        assertEquals(Main.USAGE_ERROR, run("--store=maybe"));
        assertTrue(onlyErrorLine().contains("'maybe' is not a boolean"));
        err.getBuffer().setLength(0);
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
        err.getBuffer().setLength(0);
        assertEquals(Main.STARTUP_FAILURE, runNode("--num-shards-in-network=0"));
        assertEquals("logos-delivery: error: static sharding (--num-shards-in-network=0) needs at least one --shard",
                onlyErrorLine());
        err.getBuffer().setLength(0);
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
    void listsPluginsWithNameVersionAndJar() {
        assertEquals(0, run("--list-plugins", "--plugins-dir=" + plugins));
        String listing = out.toString();
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
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runNode("--store=true",
                "--store-message-db-url=memory://"));
        assertTrue(signal.awaiting.await(30, TimeUnit.SECONDS), "node did not start: " + err);
        signal.stop.countDown();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals("", err.toString());
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
        err.getBuffer().setLength(0);
        assertEquals(Main.STARTUP_FAILURE, runNode("--store=true", "--store-message-db-url=foo://"));
        signal.stop.countDown();
        assertEquals(0, runNode("--store=false", "--store-message-db-url=foo://"));
    }

    /** Lets a test see that the node is up, then stop it. */
    private static final class TestSignal implements ShutdownSignal {
        final CountDownLatch awaiting = new CountDownLatch(1);
        final CountDownLatch stop = new CountDownLatch(1);

        @Override
        public void await() throws InterruptedException {
            awaiting.countDown();
            stop.await();
        }
    }
}
