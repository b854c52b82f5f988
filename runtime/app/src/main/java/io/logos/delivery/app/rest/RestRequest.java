package io.logos.delivery.app.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;

/** A routed request: the path parameters its template named and the body, read within the size limit. */
final class RestRequest {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Map<String, String> pathParameters;
    private final byte[] body;

    RestRequest(Map<String, String> pathParameters, byte[] body) {
        this.pathParameters = Map.copyOf(pathParameters);
        this.body = body;
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
