package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.mux.mplex.MplexConfig;
import io.logos.delivery.libp2p.mux.mplex.MplexMuxer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * mplex frames from a peer into a session on an EmbeddedChannel, with small limits (1 KiB frames,
 * 2 KiB unread per stream, few inbound streams) so that a few KiB of input reach them. Input: the
 * session's side and the streams' behaviour, then operations: raw bytes, frames built from fields
 * (any stream id and flag, the payload given or an oversized or lying length; whole or split across
 * reads), and local operations. See {@link MuxerFuzzing} for the contract; in addition an oversized
 * frame resets only its stream: the connection stays open.
 */
class MplexFuzzTest {

    static final MplexConfig SMALL = new MplexConfig(1024, 2048, 4);

    @FuzzTest
    void failsTheConnectionCleanlyOrKeepsServing(byte[] input) throws Exception {
        withinBudget(() -> check(new FuzzInput(input)));
    }

    private static void check(FuzzInput in) {
        Harness harness = new Harness();
        int setup = in.u8();
        harness.install(new MplexMuxer(SMALL), (setup & 1) == 1, in.u8());
        while (in.hasMore() && harness.connection.isOpen()) {
            switch (in.u8() % 4) {
                case 0 -> {
                    harness.inSync = false;
                    harness.inject(in.chunk());
                }
                case 1 -> harness.inject(harness.frame(in));
                case 2 -> {
                    byte[] frame = harness.frame(in);
                    int cut = in.u16() % (frame.length + 1);
                    harness.inject(Arrays.copyOf(frame, cut));
                    harness.inject(Arrays.copyOfRange(frame, cut, frame.length));
                }
                default -> harness.localOperation(in);
            }
            if (harness.oversized) {
                // a frame above the limit costs only its stream (the connection then skips its bytes)
                assertTrue(harness.connection.isOpen(), "an oversized frame closed the whole connection");
                harness.oversized = false;
            }
        }
        harness.finish();
    }

    static final class Harness extends MuxerFuzzing {

        /** The last frame was above the size limit, with a valid flag, sent while in sync. */
        boolean oversized;

        /** A frame from fields; marks a protocol error the session must fail the connection for. */
        byte[] frame(FuzzInput in) {
            long streamId = in.bool() ? in.u32() : in.u8() % 8;
            int flag = in.u8() % 8;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(Varint.encode(streamId << 3 | flag));
            int kind = in.u8() % 4;
            byte[] payload = kind == 0 || kind == 3 ? in.chunk() : new byte[0];
            long length = switch (kind) {
                case 1 -> SMALL.maxMessageSize() + 1 + in.u16(); // oversized, bytes not sent
                case 2 -> in.u32(); // lying
                default -> payload.length;
            };
            if (kind == 3) {
                // a malformed length: ten continuation bytes
                out.writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
                mustFail |= inSync;
            } else {
                out.writeBytes(Varint.encode(length));
            }
            out.writeBytes(payload);
            if (inSync && flag > 6) {
                mustFail = true;
            }
            oversized = inSync && !mustFail && kind != 3 && length > SMALL.maxMessageSize();
            if (kind == 1 || kind == 2 || kind == 3) {
                inSync = false; // the session now skips or waits for bytes that never come whole
            }
            return out.toByteArray();
        }

        @Override
        void assertWellFormed(byte[] written) {
            ByteBuffer out = ByteBuffer.wrap(written);
            while (out.hasRemaining()) {
                long header = Varint.read(out);
                assertTrue((header & 7) <= 6, "unknown mplex flag written");
                long length = Varint.read(out);
                assertTrue(length <= out.remaining(), "an mplex frame longer than what was written");
                out.position(out.position() + (int) length);
            }
        }
    }
}
