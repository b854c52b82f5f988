package io.logos.delivery.app.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code --rest-allow-origin}, as nwaku applies it. Without allowed origins no CORS header is sent and
 * the {@code Origin} header is not looked at. Otherwise a request from an allowed origin gets
 * {@code Access-Control-Allow-Origin}, one from another origin is refused (403), and a request without
 * {@code Origin} (curl, another server) is served as usual. An allowed origin is {@code *}, or an origin
 * in which {@code *} stands for any text and {@code ?} for at most one character; without a scheme it
 * allows both http and https.
 */
final class CorsPolicy {

    static final String ALLOWED_HEADERS = "Content-Type";

    private final Optional<Pattern> allowed;
    private final boolean anyOrigin;

    private CorsPolicy(Optional<Pattern> allowed, boolean anyOrigin) {
        this.allowed = allowed;
        this.anyOrigin = anyOrigin;
    }

    static CorsPolicy of(List<String> allowedOrigins) {
        if (allowedOrigins.isEmpty()) {
            return new CorsPolicy(Optional.empty(), false);
        }
        if (allowedOrigins.contains("*")) {
            return new CorsPolicy(Optional.of(Pattern.compile(".*")), true);
        }
        String alternatives = allowedOrigins.stream().map(CorsPolicy::regex).collect(Collectors.joining("|"));
        return new CorsPolicy(Optional.of(Pattern.compile(alternatives, Pattern.CASE_INSENSITIVE)), false);
    }

    private static String regex(String origin) {
        String scheme = "https?://";
        String rest = origin;
        for (String given : List.of("http://", "https://")) {
            if (origin.startsWith(given)) {
                scheme = Pattern.quote(given);
                rest = origin.substring(given.length());
            }
        }
        StringBuilder host = new StringBuilder();
        for (char c : rest.toCharArray()) {
            host.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".?";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return "^" + scheme + host + "$";
    }

    /**
     * The CORS headers for a request with these {@code Origin} header values.
     *
     * @throws RestException 403 for an origin that is not allowed, 400 for several Origin headers
     */
    Map<String, String> headersFor(List<String> origins) {
        if (allowed.isEmpty() || origins.isEmpty()) {
            return Map.of();
        }
        if (origins.size() > 1) {
            throw RestException.badRequest("Only a single Origin header must be specified");
        }
        String origin = origins.getFirst();
        if (anyOrigin) {
            return Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", ALLOWED_HEADERS);
        }
        if (!allowed.get().matcher(origin).matches()) {
            throw new RestException(403, "Origin not allowed");
        }
        // Vary keeps caches from serving one origin's answer to another
        return Map.of("Access-Control-Allow-Origin", origin, "Access-Control-Allow-Headers", ALLOWED_HEADERS,
                "Vary", "Origin");
    }
}
