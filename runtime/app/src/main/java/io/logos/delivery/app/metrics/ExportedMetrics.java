package io.logos.delivery.app.metrics;

import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.metrics.MetricFamily;
import io.logos.delivery.kernel.metrics.MetricSample;
import io.logos.delivery.kernel.metrics.MetricSource;
import io.logos.delivery.kernel.metrics.MetricType;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /metrics} shows: the node's metrics with the operator's prefix in place of nwaku's {@code waku}
 * namespace, the node's version ({@code <prefix>_version}, as nwaku's {@code waku_version}), and the JVM's.
 * Names outside the namespace ({@code libp2p_peers}, {@code jvm_*}, {@code process_*}) stay as they are.
 */
final class ExportedMetrics implements MetricSource {

    private final MetricSource node;
    private final MetricSource jvm;
    private final String prefix;
    private final String version;

    /**
     * @param prefix  replaces {@code waku}; a trailing {@code _} is optional, empty drops the namespace
     * @param version the node's version, the label of the version gauge
     */
    ExportedMetrics(MetricSource node, MetricSource jvm, String prefix, String version) {
        this.node = node;
        this.jvm = jvm;
        this.prefix = prefix.isEmpty() || prefix.endsWith("_") ? prefix : prefix + "_";
        this.version = version;
    }

    @Override
    public List<MetricFamily> collect() {
        List<MetricFamily> families = new ArrayList<>();
        node.collect().forEach(family -> families.add(family.renamed(exported(family.name()))));
        families.add(new MetricFamily(exported(KernelMetrics.NAMESPACE + "version"),
                "Waku version info (in git describe format)", MetricType.GAUGE, List.of("version"),
                List.of(new MetricSample.Value(List.of(version), 1))));
        families.addAll(jvm.collect());
        return families;
    }

    private String exported(String name) {
        return name.startsWith(KernelMetrics.NAMESPACE) ? prefix + name.substring(KernelMetrics.NAMESPACE.length())
                : name;
    }
}
