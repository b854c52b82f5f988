package io.logos.delivery.app.rest;

/** Answers one request; throws {@link RestException} for an answer in plain text. */
@FunctionalInterface
interface RouteHandler {

    RestResponse handle(RestRequest request);
}
