package io.logos.delivery.app.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.logos.delivery.app.rest.Router.Resolution;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final RouteHandler OK = request -> RestResponse.ok();

    private final Router router = new Router(List.of(
            Route.get("/relay/v1/messages/{pubsubTopic}", OK),
            Route.post("/relay/v1/messages/{pubsubTopic}", OK),
            Route.get("/filter/v2/subscriptions/{requestId}", OK),
            Route.delete("/filter/v2/subscriptions/all", OK)),
            Map.of("admin", "/admin endpoints are not available"));

    @Test
    void anEncodedTopicIsOneDecodedSegmentAndAPlusStaysAPlus() {
        Resolution.Found found = assertInstanceOf(Resolution.Found.class,
                router.resolve("GET", "/relay/v1/messages/%2Fwaku%2F2%2Frs%2F0%2F0"));
        assertEquals(Map.of("pubsubTopic", "/waku/2/rs/0/0"), found.parameters());
        Resolution.Found plus = assertInstanceOf(Resolution.Found.class, router.resolve("GET", "/relay/v1/messages/a+b"));
        assertEquals("a+b", plus.parameters().get("pubsubTopic"));
        assertInstanceOf(Resolution.NotFound.class, router.resolve("GET", "/relay/v1/messages//waku/2/rs/0/0"));
        assertInstanceOf(Resolution.NotFound.class, router.resolve("GET", "/relay/v1/messages/"));
    }

    @Test
    void aLiteralSegmentWinsOverAParameterOfTheSameMethod() {
        Resolution.Found all = assertInstanceOf(Resolution.Found.class,
                router.resolve("DELETE", "/filter/v2/subscriptions/all"));
        assertEquals("/filter/v2/subscriptions/all", all.route().template());
        Resolution.Found ping = assertInstanceOf(Resolution.Found.class,
                router.resolve("GET", "/filter/v2/subscriptions/all"));
        assertEquals(Map.of("requestId", "all"), ping.parameters());
    }

    @Test
    void aKnownPathWithAnotherMethodNamesTheAllowedOnesAndAnOffAreaSaysWhy() {
        assertEquals(new Resolution.MethodNotAllowed(Set.of("GET", "POST")),
                router.resolve("DELETE", "/relay/v1/messages/x"));
        assertEquals(new Resolution.NotFound("/admin endpoints are not available"),
                router.resolve("GET", "/admin/v1/peers"));
        assertEquals(new Resolution.NotFound("Not found: /nothing"), router.resolve("GET", "/nothing"));
    }
}
