package io.logos.delivery.libp2p.multiaddr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.SeededRandom;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random multiaddrs: text and binary forms agree, and truncating the binary is caught. */
class MultiaddrPropertyTest {

    private static final int CASES = 1500;

    @Test
    void textAndBinaryFormsRoundTrip() {
        Random random = new Random(0x3A17L);
        SeededRandom keyRandom = new SeededRandom(0x3A18L);
        List<PeerId> peers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            peers.add(PeerId.fromPublicKey(Keys.generate(KeyType.values()[i % 2], keyRandom).publicKey()));
        }
        for (int i = 0; i < CASES; i++) {
            StringBuilder text = new StringBuilder();
            int components = 1 + random.nextInt(6);
            for (int c = 0; c < components; c++) {
                Protocol protocol = Protocol.values()[random.nextInt(Protocol.values().length)];
                text.append('/').append(protocol.protocolName());
                if (protocol.hasValue()) {
                    text.append('/').append(randomValue(protocol, random, peers));
                }
            }
            Multiaddr parsed = Multiaddr.parse(text.toString());
            byte[] binary = parsed.toBytes();
            assertEquals(parsed, Multiaddr.fromBytes(binary), text.toString());
            assertEquals(parsed, Multiaddr.parse(parsed.toString()), text.toString());
            assertArrayEquals(binary, Multiaddr.parse(parsed.toString()).toBytes());

            List<Integer> boundaries = new ArrayList<>();
            int end = 0;
            for (Component component : parsed.components()) {
                end += Multiaddr.parse(component.toString()).toBytes().length;
                boundaries.add(end);
            }
            int cut = 1 + random.nextInt(binary.length);
            byte[] truncated = Arrays.copyOf(binary, cut);
            if (boundaries.contains(cut)) {
                assertArrayEquals(truncated, Multiaddr.fromBytes(truncated).toBytes());
            } else {
                assertThrows(IllegalArgumentException.class, () -> Multiaddr.fromBytes(truncated), text + " cut at " + cut);
            }
        }
    }

    private static String randomValue(Protocol protocol, Random random, List<PeerId> peers) {
        return switch (protocol) {
            case IP4 -> random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            case IP6 -> {
                byte[] address = new byte[16];
                random.nextBytes(address);
                if (random.nextBoolean()) {
                    Arrays.fill(address, 2, 2 + random.nextInt(14), (byte) 0);
                }
                yield IpAddresses.formatIp6(address);
            }
            case TCP, UDP -> Integer.toString(random.nextInt(65536));
            case DNS, DNS4, DNS6, DNSADDR -> "node" + random.nextInt(1000) + ".example";
            case P2P -> random.nextBoolean() ? peers.get(random.nextInt(peers.size())).toBase58()
                    : peers.get(random.nextInt(peers.size())).toCidString();
            default -> throw new IllegalStateException(protocol + " has no value");
        };
    }
}
