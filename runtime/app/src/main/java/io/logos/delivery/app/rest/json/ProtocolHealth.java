package io.logos.delivery.app.rest.json;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One protocol's health, written as nwaku writes it: the protocol's name is the key,
 * {@code {"Relay": "READY", "desc": null}}.
 */
public record ProtocolHealth(String protocol, String health, Optional<String> desc) {

    @JsonValue
    Map<String, String> json() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put(protocol, health);
        json.put("desc", desc.orElse(null));
        return json;
    }
}
