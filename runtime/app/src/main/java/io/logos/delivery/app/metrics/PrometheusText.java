package io.logos.delivery.app.metrics;

import io.logos.delivery.kernel.metrics.MetricFamily;
import io.logos.delivery.kernel.metrics.MetricSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus's text exposition format, version 0.0.4: per metric a {@code # HELP} and a {@code # TYPE} line, then
 * its series. Metrics are sorted by name and series by label values, so that two scrapes line up. A counter is
 * exposed with the {@code _total} suffix (nim-metrics does so for nwaku's counters); a histogram as
 * {@code _bucket}, {@code _sum} and {@code _count} series, a summary as {@code _sum} and {@code _count}.
 */
public final class PrometheusText {

    /** The {@code Content-Type} of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Comparator<List<String>> BY_LABEL_VALUES = (left, right) -> {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = left.get(i).compareTo(right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    };

    private PrometheusText() {
    }

    public static String render(List<MetricFamily> families) {
        StringBuilder text = new StringBuilder();
        families.stream().sorted(Comparator.comparing(PrometheusText::exposedName))
                .forEach(family -> render(family, text));
        return text.toString();
    }

    /** The name the series are exposed under: a counter's ends with {@code _total}. */
    static String exposedName(MetricFamily family) {
        String name = family.name();
        return switch (family.type()) {
            case COUNTER -> name.endsWith("_total") ? name : name + "_total";
            case GAUGE, HISTOGRAM, SUMMARY -> name;
        };
    }

    private static void render(MetricFamily family, StringBuilder text) {
        String name = exposedName(family);
        text.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help())).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(family.type().name().toLowerCase(Locale.ROOT)).append('\n');
        List<MetricSample> samples = new ArrayList<>(family.samples());
        samples.sort(Comparator.comparing(MetricSample::labelValues, BY_LABEL_VALUES));
        for (MetricSample sample : samples) {
            List<String> labels = labels(family.labelNames(), sample.labelValues());
            switch (sample) {
                case MetricSample.Value value -> line(text, name, labels, number(value.value()));
                case MetricSample.Distribution distribution -> {
                    for (int i = 0; i < distribution.upperBounds().size(); i++) {
                        line(text, name + "_bucket", with(labels, le(number(distribution.upperBounds().get(i)))),
                                Long.toString(distribution.cumulativeCounts().get(i)));
                    }
                    line(text, name + "_bucket", with(labels, le("+Inf")), Long.toString(distribution.count()));
                    line(text, name + "_sum", labels, number(distribution.sum()));
                    line(text, name + "_count", labels, Long.toString(distribution.count()));
                }
                case MetricSample.Summary summary -> {
                    line(text, name + "_sum", labels, number(summary.sum()));
                    line(text, name + "_count", labels, Long.toString(summary.count()));
                }
            }
        }
    }

    /** {@code name="value"} pairs, values escaped. */
    private static List<String> labels(List<String> names, List<String> values) {
        List<String> pairs = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            pairs.add(names.get(i) + "=\"" + escapeLabelValue(values.get(i)) + '"');
        }
        return pairs;
    }

    private static String le(String bound) {
        return "le=\"" + bound + '"';
    }

    private static List<String> with(List<String> labels, String one) {
        List<String> all = new ArrayList<>(labels);
        all.add(one);
        return all;
    }

    private static void line(StringBuilder text, String name, List<String> labels, String value) {
        text.append(name);
        if (!labels.isEmpty()) {
            text.append('{').append(String.join(",", labels)).append('}');
        }
        text.append(' ').append(value).append('\n');
    }

    /** A value as the format writes it: whole numbers without a fraction, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
