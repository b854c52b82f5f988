package io.logos.delivery.app.rest.json;

import java.util.List;

/** The answer of {@code GET /health}. */
public record HealthReport(String nodeHealth, String connectionStatus, List<ProtocolHealth> protocolsHealth) {
}
