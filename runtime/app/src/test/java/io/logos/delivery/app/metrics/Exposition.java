package io.logos.delivery.app.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape as Prometheus reads it: the text format 0.0.4 parsed strictly, so that a test fails on a line
 * Prometheus would refuse (a sample before its {@code # TYPE}, a bad name, a bad escape, a value that is not a
 * float).
 */
public final class Exposition {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) (\\S+) (.*)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One series: the sample's name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, String> helps = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private Exposition(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a line feed");
        }
        for (String line : text.split("\n")) {
            read(line);
        }
    }

    /** Scrapes {@code GET /metrics} of the server at {@code address}, checking the answer's status and type. */
    public static Exposition scrape(InetSocketAddress address) {
        HttpResponse<String> response = get(address, "/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("scrape answered " + response.statusCode() + ": " + response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.equals("text/plain; version=0.0.4; charset=utf-8")) {
            throw new AssertionError("Content-Type " + type);
        }
        return parse(response.body());
    }

    public static Exposition parse(String text) {
        return new Exposition(text);
    }

    static HttpResponse<String> get(InetSocketAddress address, String path) {
        return send(address, path, "GET");
    }

    static HttpResponse<String> send(InetSocketAddress address, String path, String method) {
        URI uri = URI.create("http://127.0.0.1:" + address.getPort() + path);
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void read(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("#")) {
            Matcher comment = COMMENT.matcher(line);
            if (!comment.matches()) {
                throw new AssertionError("not a HELP or TYPE line: " + line);
            }
            String name = requireName(comment.group(2), line);
            Map<String, String> seen = comment.group(1).equals("HELP") ? helps : types;
            if (seen.put(name, comment.group(3)) != null) {
                throw new AssertionError("a second " + comment.group(1) + " for " + name);
            }
            if (seen == types && !TYPES.contains(comment.group(3))) {
                throw new AssertionError("unknown type: " + line);
            }
            if (seen == types && !helps.containsKey(name)) {
                throw new AssertionError("TYPE before HELP: " + line);
            }
            return;
        }
        Sample sample = sample(line);
        String family = familyOf(sample.name()).orElseThrow(() -> new AssertionError("no TYPE before " + line));
        if (!samples.isEmpty() && !familyOf(samples.getLast().name()).orElseThrow().equals(family)
                && samples.stream().anyMatch(earlier -> familyOf(earlier.name()).orElseThrow().equals(family))) {
            throw new AssertionError("the series of " + family + " are not grouped: " + line);
        }
        samples.add(sample);
    }

    /** The declared metric a sample belongs to: itself, or a histogram's or summary's by suffix. */
    private Optional<String> familyOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return Optional.of(sampleName);
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = requireName(line.substring(0, i), line);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf("=\"", i);
                String label = line.substring(i, equals);
                if (!LABEL.matcher(label).matches()) {
                    throw new AssertionError("bad label name '" + label + "': " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = equals + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char escaped = line.charAt(++j);
                        value.append(switch (escaped) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new AssertionError("bad escape \\" + escaped + ": " + line);
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new AssertionError("label " + label + " twice: " + line);
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (line.charAt(i) != ' ') {
            throw new AssertionError("no space before the value: " + line);
        }
        return new Sample(name, labels, value(line.substring(i + 1), line));
    }

    private static double value(String text, String line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                    throw new AssertionError("not a float: '" + text + "' in " + line);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static String requireName(String name, String line) {
        if (!NAME.matcher(name).matches()) {
            throw new AssertionError("bad metric name '" + name + "': " + line);
        }
        return name;
    }

    /** Every declared metric name with its type. */
    public Map<String, String> types() {
        return types;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the series {@code name} with exactly {@code labels}; 0 when there is none (not yet counted). */
    public double value(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && sample.labels().equals(labels))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    /** Whether some series of {@code name} exists. */
    public boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }
}
