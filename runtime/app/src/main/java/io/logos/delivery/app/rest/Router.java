package io.logos.delivery.app.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the route for a method and a raw path. Paths are matched segment by segment before decoding, so
 * a topic sent percent-encoded ({@code %2Fwaku%2F2%2Frs%2F0%2F0}) stays one segment. When several
 * templates match, the one with more literal segments wins ({@code /filter/v2/subscriptions/all} over
 * {@code /filter/v2/subscriptions/{requestId}}).
 */
final class Router {

    private final List<Route> routes;
    private final Map<String, String> unavailableAreas;

    /**
     * @param unavailableAreas by first path segment ({@code relay}), why that area is not served; its
     *                         paths answer 404 with that reason, as nwaku's do
     */
    Router(List<Route> routes, Map<String, String> unavailableAreas) {
        this.routes = List.copyOf(routes);
        this.unavailableAreas = Map.copyOf(unavailableAreas);
    }

    List<Route> routes() {
        return routes;
    }

    /** What answers {@code method} on {@code rawPath}. */
    Resolution resolve(String method, String rawPath) {
        List<String> segments = List.of(rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1));
        List<Match> matches = new ArrayList<>();
        for (Route route : routes) {
            match(route, segments).ifPresent(matches::add);
        }
        if (matches.isEmpty()) {
            String area = segments.getFirst();
            return new Resolution.NotFound(unavailableAreas.getOrDefault(area, "Not found: " + rawPath));
        }
        Optional<Match> found = matches.stream().filter(match -> match.route().method().equals(method))
                .max(Comparator.comparingInt(Match::literals));
        if (found.isPresent()) {
            return new Resolution.Found(found.get().route(), found.get().parameters());
        }
        Set<String> allowed = new TreeSet<>();
        matches.forEach(match -> allowed.add(match.route().method()));
        return new Resolution.MethodNotAllowed(allowed);
    }

    private static Optional<Match> match(Route route, List<String> segments) {
        List<String> template = route.segments();
        if (template.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        int literals = 0;
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            String actual = segments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected.substring(1, expected.length() - 1), decode(actual));
            } else if (expected.equals(actual)) {
                literals++;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Match(route, parameters, literals));
    }

    /** Percent-decoding only: a '+' in a path is a plus, not a space. */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("malformed percent-encoding in '" + segment + "'");
        }
    }

    private record Match(Route route, Map<String, String> parameters, int literals) {
    }

    /** The outcome of routing. */
    sealed interface Resolution {

        record Found(Route route, Map<String, String> parameters) implements Resolution {
        }

        record NotFound(String reason) implements Resolution {
        }

        /** The path exists, for other methods. */
        record MethodNotAllowed(Set<String> allowed) implements Resolution {
        }
    }
}
