package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Peer ids from the wire (multihash bytes) and from text (base58btc or a multibase CID). Input: one
 * byte, even for the binary form and odd for the text form (UTF-8), then the peer id.
 */
class PeerIdFuzzTest {

    @FuzzTest
    void parsesAValidPeerIdOrRejectsIt(byte[] input) throws Exception {
        withinBudget(() -> check(input));
    }

    private static void check(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        PeerId peer;
        try {
            if ((input[0] & 1) == 0) {
                peer = PeerId.fromBytes(rest);
                assertArrayEquals(rest, peer.toBytes());
            } else {
                peer = PeerId.parse(new String(rest, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException rejected) {
            return; // documented
        }
        assertEquals(peer, PeerId.fromBytes(peer.toBytes()));
        // only keys of at most 42 bytes are inlined (so base58 text stays cheap to compute)
        assertTrue(peer.toBytes().length <= 2 + 42, "an inlined digest of " + peer.toBytes().length + " bytes");
        assertEquals(peer, PeerId.parse(peer.toBase58()));
        assertEquals(peer, PeerId.parse(peer.toCidString()));
        Optional<PubKey> key;
        try {
            key = peer.extractPublicKey();
        } catch (IllegalArgumentException notAKey) {
            return; // documented: the inlined bytes are no supported key
        }
        // an inlined key is the key of exactly this peer id
        key.ifPresent(k -> assertTrue(peer.matches(k), "the inlined key " + k + " does not hash to " + peer));
    }
}
