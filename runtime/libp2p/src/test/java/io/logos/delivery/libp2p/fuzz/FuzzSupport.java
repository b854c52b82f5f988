package io.logos.delivery.libp2p.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The checks every fuzz target makes besides its own contract: bounded allocation, no leaked ByteBuf. */
final class FuzzSupport {

    /**
     * What one input may allocate on the heap. Inputs are at most a few KiB and the limits of the
     * decoders are far below this, so anything near it is amplification (or unbounded allocation).
     */
    static final long MAX_ALLOCATED_BYTES_PER_INPUT = 64L * 1024 * 1024;

    /**
     * The CPU time one input may take. Inputs of the largest size a peer may send (64 KiB for an
     * identify message) take milliseconds; an input that takes this long is quadratic somewhere.
     */
    static final long MAX_CPU_NANOS_PER_INPUT = 1_000_000_000L;

    /** The thread MXBean and its allocation counter, looked up reflectively: this module reads neither java.management nor jdk.management. */
    private static final Object THREAD_BEAN = threadBean();
    private static final MethodHandle THREAD_ALLOCATED_BYTES = threadBeanMethod("com.sun.management.ThreadMXBean", "getCurrentThreadAllocatedBytes");
    private static final MethodHandle THREAD_CPU_TIME = threadBeanMethod("java.lang.management.ThreadMXBean", "getCurrentThreadCpuTime");

    private FuzzSupport() {
    }

    /**
     * Runs one input and fails when it allocated more than {@link #MAX_ALLOCATED_BYTES_PER_INPUT} or
     * took more than {@link #MAX_CPU_NANOS_PER_INPUT} of this thread's CPU time (a slow input: the
     * event loop would be blocked as long). Loading a class costs both (Jazzer instruments it on this
     * thread), and a cold method runs interpreted, so an input over a bound runs a second time, warm,
     * and only that run counts.
     */
    static void withinBudget(ThrowingRunnable input) throws Exception {
        long[] cost = costOf(input);
        if (cost[0] > MAX_ALLOCATED_BYTES_PER_INPUT || cost[1] > MAX_CPU_NANOS_PER_INPUT) {
            cost = costOf(input);
            if (cost[0] > MAX_ALLOCATED_BYTES_PER_INPUT) {
                throw new AssertionError("one input allocated " + cost[0] + " bytes, more than the bound of "
                        + MAX_ALLOCATED_BYTES_PER_INPUT);
            }
            if (cost[1] > MAX_CPU_NANOS_PER_INPUT) {
                throw new AssertionError("one input took " + cost[1] / 1_000_000 + " ms of CPU, more than the bound of "
                        + MAX_CPU_NANOS_PER_INPUT / 1_000_000 + " ms");
            }
        }
    }

    private static long[] costOf(ThrowingRunnable input) throws Exception {
        long allocated = allocatedBytes();
        long cpu = cpuNanos();
        input.run();
        return new long[] {allocatedBytes() - allocated, cpuNanos() - cpu};
    }

    /** CPU time of this thread so far, or 0 where the JVM does not say. */
    static long cpuNanos() {
        if (THREAD_CPU_TIME == null) {
            return 0;
        }
        try {
            return (long) THREAD_CPU_TIME.invoke(THREAD_BEAN);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes this thread allocated so far, or 0 where the JVM does not say. */
    static long allocatedBytes() {
        if (THREAD_ALLOCATED_BYTES == null) {
            return 0;
        }
        try {
            return (long) THREAD_ALLOCATED_BYTES.invoke(THREAD_BEAN);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object threadBean() {
        try {
            return Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static MethodHandle threadBeanMethod(String type, String name) {
        if (THREAD_BEAN == null) {
            return null;
        }
        try {
            MethodHandle handle = MethodHandles.publicLookup()
                    .findVirtual(Class.forName(type), name, MethodType.methodType(long.class));
            return handle.asType(MethodType.methodType(long.class, Object.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Fails unless {@code thrown} is one of the documented exception types. */
    @SafeVarargs
    static void expectOneOf(Throwable thrown, Class<? extends Throwable>... documented) {
        for (Class<? extends Throwable> type : documented) {
            if (type.isInstance(thrown)) {
                return;
            }
        }
        throw new AssertionError("undocumented " + thrown.getClass().getName() + " (documented: "
                + Arrays.toString(documented) + ")", thrown);
    }

    /** Releases everything {@code channel} wrote and returns the bytes, concatenated. */
    static byte[] drainOutbound(EmbeddedChannel channel) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            try {
                if (message instanceof ByteBuf buffer) {
                    byte[] chunk = new byte[buffer.readableBytes()];
                    buffer.getBytes(buffer.readerIndex(), chunk);
                    bytes.writeBytes(chunk);
                } else {
                    throw new AssertionError("a " + message.getClass().getName() + " was written, not a ByteBuf");
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        return bytes.toByteArray();
    }

    /** Splits {@code bytes} into chunks of the given size (1 to 255; 0 means one chunk). */
    static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> chunks = new ArrayList<>();
        int step = size <= 0 ? Math.max(1, bytes.length) : size;
        for (int i = 0; i < bytes.length; i += step) {
            chunks.add(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + step)));
        }
        return chunks;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Hands out unpooled heap buffers and remembers each, so a target can check after an input that
     * every buffer the code under test allocated through its channel was released exactly as often
     * as it was retained.
     */
    static final class TrackingAllocator extends AbstractByteBufAllocator {

        private final List<ByteBuf> allocated = new ArrayList<>();

        TrackingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            ByteBuf buffer = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            allocated.add(buffer);
            return buffer;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            // heap as well: the code under test must not care, and heap allocation is what is measured
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        /** Fails if a buffer allocated since the last call is still referenced, then forgets them all. */
        void assertAllReleased(String when) {
            List<ByteBuf> leaked = new ArrayList<>();
            for (ByteBuf buffer : allocated) {
                if (buffer.refCnt() != 0) {
                    leaked.add(buffer);
                }
            }
            allocated.clear();
            if (!leaked.isEmpty()) {
                throw new AssertionError(leaked.size() + " ByteBuf(s) not released " + when + ": " + leaked);
            }
        }
    }
}
