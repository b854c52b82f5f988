package io.logos.delivery.app.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A routed request: the path parameters its template named, the query parameters (nwaku's store query
 * takes its criteria there) and the body, read within the size limit.
 */
final class RestRequest {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Map<String, String> pathParameters;
    private final Map<String, String> queryParameters;
    private final byte[] body;

    /** @param rawQuery the query string as sent, percent-encoded; null when there is none */
    RestRequest(Map<String, String> pathParameters, String rawQuery, byte[] body) {
        this.pathParameters = Map.copyOf(pathParameters);
        this.queryParameters = parseQuery(rawQuery);
        this.body = body;
    }

    /** {@code a=1&b=x%2Fy} as {@code {a: 1, b: x/y}}; a repeated name keeps its first value. */
    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw RestException.badRequest("malformed percent-encoding in the query: '" + pair + "'");
            }
        }
        return parameters;
    }

    /** The decoded value of query parameter {@code name}. */
    Optional<String> queryParameter(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /** The percent-decoded path segment the template names {@code {name}}. */
    String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route's template has no {" + name + "}");
        }
        return value;
    }

    /**
     * The body as {@code type}.
     *
     * @throws MalformedBodyException when the body is empty or is not that JSON
     */
    <T> T json(Class<T> type) {
        return Json.read(body, type);
    }

    /** The body as a JSON array of strings, as nwaku's topic and peer lists are sent. */
    List<String> stringList() {
        List<String> values = Json.read(body, STRINGS);
        if (values.contains(null)) {
            throw new MalformedBodyException("the list holds a null");
        }
        return values;
    }
}
