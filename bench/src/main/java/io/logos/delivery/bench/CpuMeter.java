package io.logos.delivery.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM and of the whole machine (Linux {@code /proc/stat}), so that a harness can say how
 * much CPU its figure cost and how busy other processes kept the machine meanwhile: the machines are shared
 * and have 2 cores, so that load is reported next to every figure.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long wallStart = System.nanoTime();
    private final long processStart = processCpuNanos();
    private final long[] machineStart = machineTicks();

    /** CPU time of this JVM, all threads. */
    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** {busy, total} jiffies of all cores since boot, or {0, 0} off Linux. */
    static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** What happened since this meter was created. */
    Reading read() {
        long wall = System.nanoTime() - wallStart;
        long process = processCpuNanos() - processStart;
        long[] machine = machineTicks();
        double machineBusySeconds = (machine[0] - machineStart[0]) / TICKS_PER_SECOND;
        return new Reading(wall / 1e9, process / 1e9, machineBusySeconds);
    }

    /**
     * @param wallSeconds    elapsed time
     * @param processSeconds CPU time of this JVM
     * @param machineSeconds CPU time of all processes (jiffy resolution)
     */
    record Reading(double wallSeconds, double processSeconds, double machineSeconds) {

        /** Cores this JVM kept busy on average. */
        double processCores() {
            return processSeconds / wallSeconds;
        }

        /** Cores other processes kept busy on average (never below 0). */
        double otherCores() {
            return Math.max(0, machineSeconds - processSeconds) / wallSeconds;
        }
    }

    /**
     * Waits until processes other than this one leave the machine nearly idle: less than {@code maxOtherCores}
     * busy over a 2-second window, at most {@code maxWaitSeconds}. Returns the last window's other load.
     */
    static double waitForQuiet(double maxOtherCores, double maxWaitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (maxWaitSeconds * 1e9);
        double other;
        do {
            CpuMeter meter = new CpuMeter();
            Thread.sleep(2000);
            other = meter.read().otherCores();
        } while (other > maxOtherCores && System.nanoTime() < deadline);
        return other;
    }
}
