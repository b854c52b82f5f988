package io.logos.delivery.bench;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Noise transport handler alone, without sockets: two {@link EmbeddedChannel}s that completed the libp2p
 * Noise handshake, all on the benchmark thread. One operation writes one {@code size}-byte buffer through the
 * dialer's pipeline ({@link #seal}), and for {@link #sealAndOpen} also reads the frames back through the
 * listener's. Set against {@link ChaChaPolyBenchmark}, it shows what the handler adds to the cipher.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class NoiseCodecBenchmark {

    @Param("65536")
    public int size;

    private EmbeddedChannel dialer;
    private EmbeddedChannel listener;
    private ByteBuf plaintext;

    @Setup(Level.Trial)
    public void handshake() {
        NoiseSecurity dialerNoise = new NoiseSecurity(Keys.generate(KeyType.SECP256K1));
        NoiseSecurity listenerNoise = new NoiseSecurity(Keys.generate(KeyType.SECP256K1));
        dialer = new EmbeddedChannel();
        listener = new EmbeddedChannel();
        Future<SecureSession> listenerSession = listenerNoise.secureInbound(listener);
        Future<SecureSession> dialerSession = dialerNoise.secureOutbound(dialer, listenerNoise.localPeer());
        boolean moved = true;
        while (moved) {
            moved = carry(dialer, listener) | carry(listener, dialer);
        }
        if (!dialerSession.isSuccess() || !listenerSession.isSuccess()) {
            throw new IllegalStateException("Noise handshake failed: " + dialerSession.cause() + " / "
                    + listenerSession.cause());
        }
        byte[] random = new byte[size];
        ThreadLocalRandom.current().nextBytes(random);
        plaintext = PooledByteBufAllocator.DEFAULT.directBuffer(size).writeBytes(random);
    }

    private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        ByteBuf bytes;
        while ((bytes = from.readOutbound()) != null) {
            to.writeInbound(bytes);
            moved = true;
        }
        return moved;
    }

    @TearDown(Level.Trial)
    public void close() {
        plaintext.release();
        dialer.finishAndReleaseAll();
        listener.finishAndReleaseAll();
    }

    /** Encrypts one buffer into frames and drops them. */
    @Benchmark
    public int seal() {
        dialer.writeOutbound(plaintext.retainedDuplicate());
        int bytes = 0;
        ByteBuf frame;
        while ((frame = dialer.readOutbound()) != null) {
            bytes += frame.readableBytes();
            frame.release();
        }
        return bytes;
    }

    /** Encrypts one buffer, then decrypts its frames on the other side. */
    @Benchmark
    public int sealAndOpen() {
        dialer.writeOutbound(plaintext.retainedDuplicate());
        ByteBuf frame;
        while ((frame = dialer.readOutbound()) != null) {
            listener.writeInbound(frame);
        }
        int bytes = 0;
        ByteBuf opened;
        while ((opened = listener.readInbound()) != null) {
            bytes += opened.readableBytes();
            opened.release();
        }
        return bytes;
    }
}
