package io.logos.delivery.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logos.delivery.app.config.MetricsConfig;
import io.logos.delivery.kernel.metrics.MetricSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus endpoint ({@code --metrics-server}): {@code GET /metrics} answers the node's and the JVM's
 * metrics in the text format, on the JDK's HTTP server, one virtual thread per scrape. Other paths are 404,
 * other methods 405.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    static final String PATH = "/metrics";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code node}'s metrics, renamed with the configured prefix, and the JVM's.
     *
     * @param version the node's version, shown by the version gauge
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static MetricsServer start(MetricsConfig config, MetricSource node, String version) {
        return start(config.address(), config.port(),
                new ExportedMetrics(node, new JvmMetrics(), config.prefix(), version));
    }

    static MetricsServer start(String address, int port, MetricSource metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on " + address + ":" + port + ": "
                    + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("metrics-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, metrics));
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void answer(HttpExchange exchange, MetricSource metrics) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, TEXT, "Not found; metrics are at " + PATH + "\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, TEXT, "Method not allowed: " + method + "\n");
            } else {
                scrape(exchange, metrics);
            }
        }
    }

    private static void scrape(HttpExchange exchange, MetricSource metrics) throws IOException {
        String text;
        try {
            text = PrometheusText.render(metrics.collect());
        } catch (RuntimeException e) {
            LOG.warn("Cannot collect the metrics", e);
            send(exchange, 500, TEXT, "Cannot collect the metrics: " + e + "\n");
            return;
        }
        send(exchange, 200, PrometheusText.CONTENT_TYPE, text);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The bound address; with {@code --metrics-server-port=0}, the port picked. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Where Prometheus scrapes. */
    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + PATH);
    }

    /** Stops answering scrapes and releases the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Metrics server stopped");
    }
}
