package io.logos.delivery.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs {@link Main} as an operator would, with an environment, streams and a stop signal of the test's. */
final class CommandRunner {

    final Map<String, String> environment = new HashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final TestSignal signal = new TestSignal();
    /** The {@code --log-level} of {@link #runNode}; quiet unless a test reads the log. */
    String logLevel = "warn";
    private final Path plugins;
    private final Path data;

    /** {@code plugins} and {@code data} are the folders {@link #runNode} gives the node. */
    CommandRunner(Path plugins, Path data) {
        this.plugins = plugins;
        this.data = data;
    }

    int run(String... args) {
        return Main.run(args, environment, signal, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Runs with the test's plugins and data folders, on a free loopback port. */
    int runNode(String... args) {
        return run(nodeArguments(args));
    }

    /** Starts a node in the background; the future completes with its exit status once {@link #stop()}ped. */
    CompletableFuture<Integer> startNode(String... args) throws InterruptedException {
        return start(nodeArguments(args));
    }

    /** Like {@link #startNode}, with {@code args} as they are: no test folders, port or log level added. */
    CompletableFuture<Integer> start(String... args) throws InterruptedException {
        // its own thread: a node blocks it until stopped, and two nodes must not wait for one pool thread
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(args),
                task -> Thread.ofPlatform().name("node-command").start(task));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!signal.awaiting.await(10, TimeUnit.MILLISECONDS)) {
            if (exit.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("node did not start (exit " + exit.getNow(null) + "): " + err + out);
            }
        }
        return exit;
    }

    void stop() {
        signal.stop.countDown();
    }

    private String[] nodeArguments(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins-dir=" + plugins, "--local-storage-path=" + data,
                "--listen-address=127.0.0.1", "--tcp-port=0", "--log-level=" + logLevel));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    String onlyErrorLine() {
        String[] lines = err.toString().strip().split("\\R");
        assertEquals(1, lines.length, "expected one error line, got: " + err);
        return lines[0];
    }

    /** Forgets what was printed, for the next run. */
    void clearOutput() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    /** Lets a test see that the node is up, then stop it. */
    static final class TestSignal implements ShutdownSignal {
        final CountDownLatch awaiting = new CountDownLatch(1);
        final CountDownLatch stop = new CountDownLatch(1);

        @Override
        public void await() throws InterruptedException {
            awaiting.countDown();
            stop.await();
        }
    }
}
