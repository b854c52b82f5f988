package io.logos.delivery.app.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.config.EntryLayer;
import io.logos.delivery.app.rest.RestClient.Reply;
import io.logos.delivery.app.rest.Router.Resolution;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code /openapi.yaml} and the server agree: every documented path and method is routed, every route
 * is documented, and every {@code $ref} of the document resolves. The node serves every area (relay
 * and admin on), so every route exists.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    @TempDir
    Path root;

    private RestNodes nodes;
    private LogosDelivery node;
    private Map<String, Object> document;

    @BeforeEach
    void startNodeAndReadTheDocument() {
        nodes = new RestNodes(root);
        // every area on: relay, admin and the messaging layer
        node = nodes.start(RestNodes.protocols(), RestNodes.rest(true, List.of()), false, EntryLayer.MESSAGING);
        Reply reply = RestNodes.client(node).get("/openapi.yaml");
        assertEquals(200, reply.status());
        document = new Yaml().load(reply.body());
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void isOpenApi3() {
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."), String.valueOf(document.get("openapi")));
        assertNotNull(map(document.get("info")).get("title"));
    }

    @Test
    void everyDocumentedOperationIsRoutedByTheServer() {
        RestClient rest = RestNodes.client(node);
        Router router = router();
        Map<String, Set<String>> documented = documentedOperations();
        for (Map.Entry<String, Set<String>> path : documented.entrySet()) {
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
            Reply preflight = rest.send("OPTIONS", concrete, Map.of());
            assertEquals(200, preflight.status(), path.getKey() + ": " + preflight.body());
            Set<String> allowed = Set.of(preflight.header("Allow").split(", "));
            for (String method : path.getValue()) {
                assertTrue(allowed.contains(method), method + " " + path.getKey() + " is not served; allowed " + allowed);
                Resolution resolution = router.resolve(method, concrete);
                Resolution.Found found = assertInstanceOf(Resolution.Found.class, resolution, method + " " + concrete);
                assertEquals(path.getKey(), found.route().template(), method + " " + concrete + " goes elsewhere");
            }
        }
    }

    @Test
    void everyRouteIsDocumented() {
        Map<String, Set<String>> documented = documentedOperations();
        for (Route route : router().routes()) {
            assertTrue(documented.getOrDefault(route.template(), Set.of()).contains(route.method()),
                    route.method() + " " + route.template() + " is missing from openapi.yaml");
        }
    }

    @Test
    void everyReferenceResolves() {
        Set<String> references = new TreeSet<>();
        collectReferences(document, references);
        assertTrue(references.size() > 10, references.toString());
        for (String reference : references) {
            assertTrue(reference.startsWith("#/"), reference);
            Object target = document;
            for (String key : reference.substring(2).split("/")) {
                target = map(target).get(key);
                assertNotNull(target, reference + " does not resolve");
            }
        }
    }

    /** Path → upper-case methods, as the document lists them. */
    private Map<String, Set<String>> documentedOperations() {
        Map<String, Object> paths = map(document.get("paths"));
        return paths.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                path -> map(path.getValue()).keySet().stream().filter(METHODS::contains)
                        .map(method -> method.toUpperCase(Locale.ROOT)).collect(Collectors.toSet())));
    }

    /** The server's routes, from the same areas the running node serves. */
    private Router router() {
        RestAreas areas = RestAreas.of(node.kernel(), node.messaging(), node.config(), "test", Clock.systemUTC());
        try {
            return new Router(areas.routes(), areas.unavailable());
        } finally {
            areas.close();
        }
    }

    private static void collectReferences(Object node, Set<String> references) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    references.add((String) value);
                } else {
                    collectReferences(value, references);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, references));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) assertInstanceOf(Map.class, value, () -> "expected a mapping, got " + value);
    }
}
