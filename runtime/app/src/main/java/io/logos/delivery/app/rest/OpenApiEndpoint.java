package io.logos.delivery.app.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** {@code GET /openapi.yaml}: the OpenAPI 3 description of every route this server has. */
final class OpenApiEndpoint implements RestEndpoints {

    private static final String RESOURCE = "openapi.yaml";

    private final byte[] document;

    OpenApiEndpoint() {
        this.document = load();
    }

    private static byte[] load() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/openapi.yaml",
                request -> new RestResponse(200, "application/yaml", document, Map.of())));
    }
}
