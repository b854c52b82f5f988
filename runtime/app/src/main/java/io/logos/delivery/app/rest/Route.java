package io.logos.delivery.app.rest;

import java.util.List;
import java.util.Objects;

/**
 * An HTTP method and a path template such as {@code /relay/v1/messages/{pubsubTopic}}, with the code that
 * answers it. A {@code {name}} segment matches one path segment and hands it, percent-decoded, to the
 * handler.
 */
record Route(String method, String template, RouteHandler handler) {

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + template);
        }
    }

    static Route get(String template, RouteHandler handler) {
        return new Route("GET", template, handler);
    }

    static Route post(String template, RouteHandler handler) {
        return new Route("POST", template, handler);
    }

    static Route put(String template, RouteHandler handler) {
        return new Route("PUT", template, handler);
    }

    static Route delete(String template, RouteHandler handler) {
        return new Route("DELETE", template, handler);
    }

    /** The template's segments after the leading slash. */
    List<String> segments() {
        return List.of(template.substring(1).split("/", -1));
    }
}
