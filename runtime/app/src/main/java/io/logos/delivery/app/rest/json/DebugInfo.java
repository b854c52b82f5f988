package io.logos.delivery.app.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer of {@code GET /info}: {@code enrUri} is left out while the node has no ENR. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DebugInfo(List<String> listenAddresses, String enrUri) {
}
