package io.logos.delivery.app.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.logos.delivery.app.rest.Router.Resolution;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request: CORS check, routing, the body read within its limit, the handler's answer or
 * its error as plain text. {@code OPTIONS} on a known path answers the methods it takes (CORS
 * preflight).
 */
final class HttpDispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);

    private final Router router;
    private final CorsPolicy cors;
    private final int maxBodyBytes;

    HttpDispatcher(Router router, CorsPolicy cors, int maxBodyBytes) {
        this.router = router;
        this.cors = cors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RestResponse response = respond(exchange);
            LOG.debug("REST {} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    response.status());
            send(exchange, response);
        }
    }

    private RestResponse respond(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> corsHeaders = Map.of();
        try {
            corsHeaders = cors.headersFor(exchange.getRequestHeaders().getOrDefault("Origin", List.of()));
            return route(method, path, exchange.getRequestURI().getRawQuery(), exchange.getRequestBody())
                    .withHeaders(corsHeaders);
        } catch (RestException e) {
            return RestResponse.text(e.status(), e.getMessage()).withHeaders(corsHeaders);
        } catch (RuntimeException e) {
            LOG.warn("REST {} {} failed", method, path, e);
            return RestResponse.text(500, "Internal error: " + e.getMessage()).withHeaders(corsHeaders);
        }
    }

    private RestResponse route(String method, String path, String rawQuery, InputStream body) {
        return switch (router.resolve(method, path)) {
            case Resolution.Found found ->
                    found.route().handler().handle(new RestRequest(found.parameters(), rawQuery, read(body)));
            case Resolution.NotFound notFound -> RestResponse.text(404, notFound.reason());
            case Resolution.MethodNotAllowed notAllowed when method.equals("OPTIONS") -> preflight(notAllowed.allowed());
            case Resolution.MethodNotAllowed notAllowed -> RestResponse.text(405, method + " is not allowed on "
                    + path + "; allowed: " + String.join(", ", notAllowed.allowed()))
                    .withHeaders(Map.of("Allow", String.join(", ", notAllowed.allowed())));
        };
    }

    private static RestResponse preflight(Set<String> allowed) {
        Set<String> methods = new TreeSet<>(allowed);
        methods.add("OPTIONS");
        String list = String.join(", ", methods);
        return RestResponse.ok().withHeaders(Map.of("Allow", list, "Access-Control-Allow-Methods", list));
    }

    /** The body, refused with 413 beyond the limit; what is left unread is drained or dropped by the server. */
    private byte[] read(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw RestException.badRequest("cannot read the request body: " + e.getMessage());
        }
        if (bytes.length > maxBodyBytes) {
            throw new RestException(413, "Request body larger than " + maxBodyBytes
                    + " bytes (the largest message, base64-encoded, and its JSON fields)");
        }
        return bytes;
    }

    private static void send(HttpExchange exchange, RestResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach(exchange.getResponseHeaders()::set);
        // a HEAD answer has headers only
        byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
