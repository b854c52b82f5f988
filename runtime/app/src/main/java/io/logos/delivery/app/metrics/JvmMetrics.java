package io.logos.delivery.app.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import io.logos.delivery.kernel.metrics.MetricFamily;
import io.logos.delivery.kernel.metrics.MetricSample;
import io.logos.delivery.kernel.metrics.MetricSource;
import io.logos.delivery.kernel.metrics.MetricType;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The JVM and the process, under the names Prometheus's Java client gives them ({@code jvm_memory_*},
 * {@code jvm_gc_collection_seconds}, {@code jvm_threads_*}, {@code process_*}), read from the platform's
 * management beans at each collection. Open and maximum file descriptors only where the OS reports them.
 */
final class JvmMetrics implements MetricSource {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    @Override
    public List<MetricFamily> collect() {
        List<MetricFamily> families = new ArrayList<>();
        memoryAreas(families);
        memoryPools(families);
        garbageCollections(families);
        threadsAndClasses(families);
        process(families);
        families.add(gauge("jvm_runtime_info", "JVM runtime info", List.of("version", "vendor", "runtime"),
                List.of(value(1, System.getProperty("java.runtime.version", ""),
                        System.getProperty("java.vm.vendor", ""), System.getProperty("java.runtime.name", "")))));
        return families;
    }

    private void memoryAreas(List<MetricFamily> families) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        for (Reading reading : Reading.values()) {
            families.add(gauge("jvm_memory_" + reading.suffix, reading.help + " of a JVM memory area",
                    List.of("area"), List.of(value(reading.of.applyAsLong(heap), "heap"),
                            value(reading.of.applyAsLong(nonHeap), "nonheap"))));
        }
    }

    private static void memoryPools(List<MetricFamily> families) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (Reading reading : Reading.values()) {
            List<MetricSample> samples = new ArrayList<>();
            for (MemoryPoolMXBean pool : pools) {
                MemoryUsage usage = pool.getUsage();
                if (usage != null) {
                    samples.add(value(reading.of.applyAsLong(usage), pool.getName()));
                }
            }
            families.add(gauge("jvm_memory_pool_" + reading.suffix, reading.help + " of a JVM memory pool",
                    List.of("pool"), samples));
        }
    }

    private static void garbageCollections(List<MetricFamily> families) {
        List<MetricSample> samples = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            samples.add(new MetricSample.Summary(List.of(collector.getName()),
                    Math.max(0, collector.getCollectionCount()), Math.max(0, collector.getCollectionTime()) / 1000.0));
        }
        families.add(new MetricFamily("jvm_gc_collection_seconds", "Time spent in a given JVM garbage collector",
                MetricType.SUMMARY, List.of("gc"), samples));
    }

    private void threadsAndClasses(List<MetricFamily> families) {
        families.add(gauge("jvm_threads_current", "Current thread count of the JVM", threads.getThreadCount()));
        families.add(gauge("jvm_threads_daemon", "Daemon thread count of the JVM", threads.getDaemonThreadCount()));
        families.add(gauge("jvm_threads_peak", "Peak thread count of the JVM", threads.getPeakThreadCount()));
        families.add(counter("jvm_threads_started_total", "Started thread count of the JVM",
                threads.getTotalStartedThreadCount()));
        families.add(gauge("jvm_classes_currently_loaded", "The number of classes that are currently loaded in the JVM",
                classes.getLoadedClassCount()));
    }

    private void process(List<MetricFamily> families) {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            families.add(counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds",
                    sun.getProcessCpuTime() / 1e9));
        }
        families.add(gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds",
                runtime.getStartTime() / 1000.0));
        if (os instanceof UnixOperatingSystemMXBean unix) {
            families.add(gauge("process_open_fds", "Number of open file descriptors",
                    unix.getOpenFileDescriptorCount()));
            families.add(gauge("process_max_fds", "Maximum number of open file descriptors",
                    unix.getMaxFileDescriptorCount()));
        }
    }

    /** What a memory usage tells; {@code max} is -1 where the JVM sets no maximum. */
    private enum Reading {
        USED("used_bytes", "Used bytes", MemoryUsage::getUsed),
        COMMITTED("committed_bytes", "Committed bytes", MemoryUsage::getCommitted),
        MAX("max_bytes", "Max bytes", MemoryUsage::getMax);

        private final String suffix;
        private final String help;
        private final ToLongFunction<MemoryUsage> of;

        Reading(String suffix, String help, ToLongFunction<MemoryUsage> of) {
            this.suffix = suffix;
            this.help = help;
            this.of = of;
        }
    }

    private static MetricSample value(double value, String... labelValues) {
        return new MetricSample.Value(List.of(labelValues), value);
    }

    private static MetricFamily gauge(String name, String help, List<String> labelNames, List<MetricSample> samples) {
        return new MetricFamily(name, help, MetricType.GAUGE, labelNames, samples);
    }

    private static MetricFamily gauge(String name, String help, double value) {
        return gauge(name, help, List.of(), List.of(value(value)));
    }

    private static MetricFamily counter(String name, String help, double value) {
        return new MetricFamily(name, help, MetricType.COUNTER, List.of(), List.of(value(value)));
    }
}
