package io.logos.delivery.app.rest;

import java.util.List;

/**
 * One area of the REST API (relay, light push, filter, …): its routes, and the listeners it holds on
 * the node, released by {@link #close()} when the server stops.
 */
interface RestEndpoints extends AutoCloseable {

    List<Route> routes();

    @Override
    default void close() {
    }
}
