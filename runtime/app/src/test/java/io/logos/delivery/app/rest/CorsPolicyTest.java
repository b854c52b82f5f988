package io.logos.delivery.app.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    @Test
    void withoutAllowedOriginsNothingIsCheckedOrAdded() {
        assertEquals(Map.of(), CorsPolicy.of(List.of()).headersFor(List.of("http://anything.example")));
    }

    @Test
    void aStarAllowsEveryOrigin() {
        assertEquals(Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "Content-Type"),
                CorsPolicy.of(List.of("*")).headersFor(List.of("https://app.example")));
    }

    @Test
    void wildcardsMatchHostsAndPortsAndAnOriginWithoutSchemeTakesBoth() {
        CorsPolicy policy = CorsPolicy.of(List.of("http://localhost:*", "*.example.org", "https://a?.example"));
        for (String origin : List.of("http://localhost:3000", "http://sub.example.org", "https://sub.example.org",
                "https://a1.example", "https://a.example")) {
            assertEquals(origin, policy.headersFor(List.of(origin)).get("Access-Control-Allow-Origin"), origin);
        }
        for (String origin : List.of("https://localhost:3000", "http://example.com", "http://a12.example",
                "https://xexample.org.evil")) {
            RestException refused = assertThrows(RestException.class, () -> policy.headersFor(List.of(origin)), origin);
            assertEquals(403, refused.status());
        }
    }

    @Test
    void severalOriginHeadersAreABadRequest() {
        CorsPolicy policy = CorsPolicy.of(List.of("*"));
        assertEquals(400, assertThrows(RestException.class,
                () -> policy.headersFor(List.of("http://a.example", "http://b.example"))).status());
        assertEquals(Map.of(), policy.headersFor(List.of()), "no Origin: not a browser's cross-origin call");
    }
}
