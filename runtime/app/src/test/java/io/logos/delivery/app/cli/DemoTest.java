package io.logos.delivery.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.app.cli.DemoPage.Request;
import io.logos.delivery.app.cli.DemoPage.StartNode;
import io.logos.delivery.app.plugin.TestPluginJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code docs/demo.md} as a newcomer would: its two nodes started through {@link Main#run} with the
 * page's arguments, its requests sent over HTTP, each answer compared with the output the page shows. Only
 * what must differ differs: free ports for the page's, temporary folders for {@code demo/…} (and the plugin
 * folder holding the memory archive), and, in the answers, the timestamp and the message hash, which must
 * then be those of the one message the demo sends. A request is repeated until its answer matches, at most
 * {@link #WAIT}, as the page tells the reader to do.
 */
class DemoTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The ports the page uses: A's and B's libp2p, A's and B's REST API. */
    private static final List<String> PAGE_PORTS = List.of("60010", "60011", "8645", "8646");
    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path folder;

    private final List<CommandRunner> nodes = new ArrayList<>();
    private final List<CompletableFuture<Integer>> exits = new ArrayList<>();
    /** By field (timestamp, messageHash), the values the nodes answered where the page shows its own. */
    private final Map<String, Set<String>> varying = new HashMap<>();

    @AfterEach
    void stopNodes() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
            assertEquals(0, exits.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS), "a clean stop");
        }
    }

    @Test
    void theDemoRunsAsThePageSays() throws Exception {
        Map<String, String> ports = freePorts();
        List<DemoPage.Step> steps = DemoPage.read(Path.of(System.getProperty("demo.page")),
                command -> withPorts(command, ports));
        assertEquals(List.of(StartNode.class, StartNode.class, Request.class, Request.class, Request.class,
                Request.class), steps.stream().map(Object::getClass).toList(), "two nodes, then four requests");
        Path plugins = Files.createDirectories(folder.resolve("plugins"));
        Files.copy(TestPluginJars.memoryPluginJar(), plugins.resolve("archive-memory.jar"));

        for (DemoPage.Step step : steps) {
            switch (step) {
                case StartNode node -> start(node.arguments(), plugins);
                case Request request -> awaitAnswer(request);
            }
        }

        assertOneMessageWentAllTheWay();
    }

    private void start(List<String> pageArguments, Path plugins) throws InterruptedException {
        List<String> arguments = new ArrayList<>(pageArguments.stream().map(argument -> argument.startsWith(
                "--local-storage-path=demo/") ? "--local-storage-path=" + folder.resolve(argument.substring(
                "--local-storage-path=".length())) : argument).toList());
        arguments.add("--plugins-dir=" + plugins);
        CommandRunner runner = new CommandRunner(plugins, folder);
        exits.add(runner.start(arguments.toArray(String[]::new)));
        nodes.add(runner);
    }

    /** Sends the request until it prints what the page shows. */
    private void awaitAnswer(Request request) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String answer = send(request);
        while (!matches(request, answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(request.method() + " " + request.uri() + " printed\n" + answer
                        + "\nnot what demo.md shows:\n" + request.expected());
            }
            Thread.sleep(100);
            answer = send(request);
        }
    }

    private static String send(Request request) {
        HttpRequest.Builder http = HttpRequest.newBuilder(request.uri()).timeout(WAIT).method(request.method(),
                request.body().map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        request.headers().forEach(http::header);
        try {
            return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private boolean matches(Request request, String answer) {
        if (request.language().equals("text")) {
            return answer.strip().equals(request.expected());
        }
        JsonNode actual;
        try {
            actual = JSON.readTree(answer);
        } catch (IOException notJson) {
            return false;
        }
        Map<String, Set<String>> seen = new HashMap<>();
        boolean same = masked(readJson(request.expected()), new HashMap<>()).equals(masked(actual, seen));
        if (same) {
            seen.forEach((field, values) -> varying.computeIfAbsent(field, f -> new TreeSet<>()).addAll(values));
        }
        return same;
    }

    /**
     * A copy of {@code node} with every {@code timestamp} and {@code messageHash} replaced by its name, once
     * checked to be one (a positive integer, 32 bytes of hex); the values replaced go to {@code seen}.
     */
    private static JsonNode masked(JsonNode node, Map<String, Set<String>> seen) {
        JsonNode copy = node.deepCopy();
        copy.findParents("timestamp").forEach(parent -> mask(parent, "timestamp", seen,
                parent.get("timestamp").canConvertToExactIntegral() && parent.get("timestamp").asLong() > 0));
        copy.findParents("messageHash").forEach(parent -> mask(parent, "messageHash", seen,
                HASH.matcher(parent.get("messageHash").asText()).matches()));
        return copy;
    }

    private static void mask(JsonNode parent, String field, Map<String, Set<String>> seen, boolean wellFormed) {
        if (wellFormed) {
            seen.computeIfAbsent(field, f -> new TreeSet<>()).add(parent.get(field).asText());
            ((ObjectNode) parent).set(field, TextNode.valueOf("<" + field + ">"));
        }
    }

    /** The relay answer, the store's and the other node's name one message: the one the demo published. */
    private void assertOneMessageWentAllTheWay() {
        Set<String> timestamps = varying.get("timestamp");
        Set<String> hashes = varying.get("messageHash");
        assertEquals(1, timestamps.size(), "one message: " + timestamps);
        assertEquals(1, hashes.size(), "one message: " + hashes);
        WakuMessage published = WakuMessage.builder().payload(Base64.getDecoder().decode("SGVsbG8sIExvZ29zIQ=="))
                .contentTopic("/demo/1/chat/proto").timestamp(Long.parseLong(timestamps.iterator().next())).build();
        assertEquals(MessageHash.compute(PubsubTopic.of("/waku/2/rs/0/0"), published).toHex(),
                hashes.iterator().next(), "the store's hash is the message's");
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("demo.md shows malformed JSON: " + text, e);
        }
    }

    /** A free port of 127.0.0.1 for each of the page's. */
    private static Map<String, String> freePorts() throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < PAGE_PORTS.size(); i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            Map<String, String> ports = new HashMap<>();
            for (int i = 0; i < PAGE_PORTS.size(); i++) {
                ports.put(PAGE_PORTS.get(i), String.valueOf(sockets.get(i).getLocalPort()));
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String withPorts(String command, Map<String, String> ports) {
        Matcher port = Pattern.compile("\\b(" + String.join("|", PAGE_PORTS) + ")\\b").matcher(command);
        return port.replaceAll(found -> ports.get(found.group(1)));
    }
}
