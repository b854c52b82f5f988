package io.logos.delivery.app.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * JSON as nwaku's REST layer reads it: unknown fields are ignored, a repeated field is an error, and a
 * number is not taken for a string or the other way round.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private Json() {
    }

    static <T> T read(byte[] body, Class<T> type) {
        return read(body, MAPPER.constructType(type));
    }

    static <T> T read(byte[] body, TypeReference<T> type) {
        return read(body, MAPPER.constructType(type));
    }

    private static <T> T read(byte[] body, com.fasterxml.jackson.databind.JavaType type) {
        if (body.length == 0) {
            throw new MalformedBodyException("Missing content body");
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException(e.getMessage());
        }
        if (value == null) {
            throw new MalformedBodyException("the body is null");
        }
        return value;
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
