package io.logos.delivery.bench;

import java.security.GeneralSecurityException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of benchmark (a): the JDK's ChaCha20-Poly1305 ({@code javax.crypto}, the cipher Noise uses) on
 * one thread. One operation seals (or opens) one {@code size}-byte buffer with a fresh nonce; MB/s is
 * ops/s × size / 10^6.
 *
 * <ul>
 *   <li>{@link #encrypt}: into a reused output array — the raw rate, the denominator of the ratio;</li>
 *   <li>{@link #encryptAllocating}: {@code doFinal(byte[])} returning a new array, as the Noise
 *       {@code CipherState} does;</li>
 *   <li>{@link #decrypt}: opening (verifying the tag of) one sealed buffer, into a reused array.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ChaChaPolyBenchmark {

    @Param("65536")
    public int size;

    private Cipher cipher;
    private SecretKeySpec key;
    private byte[] plaintext;
    private byte[] output;
    private byte[] sealed;
    private IvParameterSpec sealedNonce;
    private long nonce;

    @Setup
    public void setUp() throws GeneralSecurityException {
        cipher = Cipher.getInstance("ChaCha20-Poly1305");
        byte[] keyBytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(keyBytes);
        key = new SecretKeySpec(keyBytes, "ChaCha20");
        plaintext = new byte[size];
        ThreadLocalRandom.current().nextBytes(plaintext);
        output = new byte[size + 16];
        sealedNonce = new IvParameterSpec(nonce(Long.MAX_VALUE));
        cipher.init(Cipher.ENCRYPT_MODE, key, sealedNonce);
        sealed = cipher.doFinal(plaintext);
    }

    @Benchmark
    public int encrypt() throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce(nonce++)));
        return cipher.doFinal(plaintext, 0, plaintext.length, output, 0);
    }

    @Benchmark
    public byte[] encryptAllocating() throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce(nonce++)));
        cipher.updateAAD(new byte[0]);
        return cipher.doFinal(plaintext);
    }

    @Benchmark
    public int decrypt() throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, key, sealedNonce);
        return cipher.doFinal(sealed, 0, sealed.length, output, 0);
    }

    /** The Noise ChaChaPoly nonce: 32 zero bits, then the counter, little-endian. */
    static byte[] nonce(long counter) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }
}
