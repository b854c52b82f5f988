package io.logos.delivery.app.rest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** A status, a content type and a body; {@code headers} are added to the response as they are. */
record RestResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";

    RestResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** nwaku's plain {@code OK}. */
    static RestResponse ok() {
        return text(200, "OK");
    }

    static RestResponse text(int status, String text) {
        return new RestResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static RestResponse json(int status, Object value) {
        return new RestResponse(status, JSON, Json.write(value), Map.of());
    }

    static RestResponse json(Object value) {
        return json(200, value);
    }

    RestResponse withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(more);
        return new RestResponse(status, contentType, body, all);
    }
}
