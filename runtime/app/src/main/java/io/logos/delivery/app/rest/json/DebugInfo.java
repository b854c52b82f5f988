package io.logos.delivery.app.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer of {@code GET /info}: {@code enrUri} ({@code enr:…}) is left out when the node has no record. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DebugInfo(List<String> listenAddresses, String enrUri) {
}
