package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.mux.yamux.YamuxConfig;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.mux.yamux.YamuxSession;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * yamux frames from a peer into a session on an EmbeddedChannel. Input: the session's side and
 * settings and the streams' behaviour, then operations: raw bytes, frames built from fields (any
 * version, type, flags, stream id and length; the payload given, or zeros of the announced length up
 * to beyond a stream's window; whole or split across reads), and local operations (open, write,
 * half-close, close, reset, ping, go away). See {@link MuxerFuzzing} for the contract.
 */
class YamuxFuzzTest {

    @FuzzTest
    void failsTheConnectionCleanlyOrKeepsServing(byte[] input) throws Exception {
        withinBudget(() -> check(new FuzzInput(input)));
    }

    private static void check(FuzzInput in) {
        Harness harness = new Harness();
        int setup = in.u8();
        YamuxConfig config = new YamuxConfig(YamuxConfig.INITIAL_WINDOW, 1024 << (setup >>> 5 & 3), (setup >>> 2) & 7);
        harness.install(new YamuxMuxer(config), (setup & 1) == 1, in.u8());
        while (in.hasMore() && harness.connection.isOpen()) {
            switch (in.u8() % 5) {
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
                case 3 -> harness.localOperation(in);
                default -> {
                    harness.ownWrites += 12;
                    ((YamuxSession) harness.session).ping();
                    harness.afterStep();
                }
            }
        }
        harness.finish();
    }

    static final class Harness extends MuxerFuzzing {

        private static final long SYNTHESIZED_LIMIT = 1024 * 1024;
        private long synthesized;

        /** A frame from fields; marks a protocol error the session must fail the connection for. */
        byte[] frame(FuzzInput in) {
            int version = in.u8() < 250 ? 0 : in.u8();
            int type = in.u8() % 5;
            int flags = in.u8() & 0x0F;
            long streamId = in.bool() ? in.u32() : in.u8();
            int payloadKind = in.u8() % 3;
            byte[] payload = new byte[0];
            long length;
            if (type == 0 && payloadKind == 0) {
                payload = in.chunk();
                length = payload.length;
            } else if (type == 0 && payloadKind == 1) {
                // zeros of the length given: up to a little beyond a stream's whole window, and at
                // most 1 MiB per input, so that the harness stays within the allocation bound
                length = Math.min(in.u16() * 5L, SYNTHESIZED_LIMIT - synthesized);
                synthesized += length;
                payload = new byte[(int) length];
            } else {
                length = in.u32(); // window delta, ping value, go-away code, or a lying data length
            }
            if (inSync && (version != 0 || type > 3
                    || type == 0 && length > YamuxConfig.INITIAL_WINDOW)) {
                mustFail = true;
            }
            ByteBuffer frame = ByteBuffer.allocate(12 + payload.length);
            frame.put((byte) version).put((byte) type).putShort((short) flags)
                    .putInt((int) streamId).putInt((int) length).put(payload);
            if (type == 0 && payload.length != length) {
                inSync = false; // a lying length: the next bytes are taken as this frame's payload
            }
            return frame.array();
        }

        @Override
        void assertWellFormed(byte[] written) {
            ByteBuffer out = ByteBuffer.wrap(written);
            while (out.hasRemaining()) {
                assertTrue(out.remaining() >= 12, "a partial yamux header was written");
                assertEquals(0, out.get(), "yamux version");
                int type = out.get();
                assertTrue(type >= 0 && type <= 3, "unknown frame type written: " + type);
                out.getShort();
                out.getInt();
                long length = out.getInt() & 0xFFFF_FFFFL;
                if (type == 0) {
                    assertTrue(length <= out.remaining(), "a data frame longer than what was written");
                    out.position(out.position() + (int) length);
                }
            }
        }
    }
}
