package io.logos.delivery.app.rest;

import com.sun.net.httpserver.HttpServer;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.config.RestConfig;
import io.logos.delivery.kernel.node.KernelNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API ({@code --rest}): nwaku's paths, parameters and JSON on the JDK's HTTP server, one virtual
 * thread per request. Start it once the node runs; close it before stopping the node.
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    /** Room for a message's JSON fields around its base64 payload: topics, meta, an RLN proof. */
    private static final int JSON_OVERHEAD_BYTES = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RestAreas areas;

    private RestServer(HttpServer server, ExecutorService executor, RestAreas areas) {
        this.server = server;
        this.executor = executor;
        this.areas = areas;
    }

    /**
     * Serves {@code node}, and {@code messaging} when the node runs that layer, as {@code config.rest()} says.
     *
     * @param version what {@code /version} answers
     * @param clock   the time given to messages published without a timestamp
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static RestServer start(KernelNode node, Optional<MessagingApi> messaging, NodeConfig config,
                                   String version, Clock clock) {
        RestAreas areas = RestAreas.of(node, messaging, config, version, clock);
        try {
            return start(config.rest(), requestBodyLimit(config.maxMessageSize()), areas);
        } catch (RuntimeException e) {
            areas.close();
            throw e;
        }
    }

    private static RestServer start(RestConfig config, int maxBodyBytes, RestAreas areas) {
        Router router = new Router(areas.routes(), areas.unavailable());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.address()), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for REST on " + config.address() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rest-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", new HttpDispatcher(router, CorsPolicy.of(config.allowOrigins()), maxBodyBytes));
        server.start();
        return new RestServer(server, executor, areas);
    }

    /** The largest request body: a message of the largest size, base64-encoded, with its JSON fields. */
    static int requestBodyLimit(MessageSizeLimit maxMessageSize) {
        long base64 = (maxMessageSize.bytes() + 2L) / 3 * 4;
        return (int) Math.min(Integer.MAX_VALUE - 1, base64 + JSON_OVERHEAD_BYTES);
    }

    /** The bound address; with {@code --rest-port=0}, the port picked. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** Stops taking requests, lets those in flight finish (a second at most), and releases the listeners. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        areas.close();
        LOG.info("REST API stopped");
    }
}
