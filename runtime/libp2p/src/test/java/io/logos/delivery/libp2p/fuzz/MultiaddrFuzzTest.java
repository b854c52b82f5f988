package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.multiaddr.Component;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Multiaddrs from the wire (identify) and from text (configuration). Input: one byte choosing the
 * binary form, the text form (UTF-8) or a binary form built from fields ({@link MultiaddrShapes}:
 * values of any size up to 64 KiB), then the address.
 */
class MultiaddrFuzzTest {

    @FuzzTest
    void parsesAValidAddressOrRejectsIt(byte[] input) throws Exception {
        withinBudget(() -> check(input));
    }

    private static void check(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        Multiaddr address;
        try {
            switch ((input[0] & 0xFF) % 3) {
                case 0 -> {
                    address = Multiaddr.fromBytes(rest);
                    // the binary form is canonical: minimal varints, fixed-size values
                    assertArrayEquals(rest, address.toBytes());
                }
                case 1 -> address = Multiaddr.parse(new String(rest, StandardCharsets.UTF_8));
                default -> {
                    byte[] built = MultiaddrShapes.binary(new FuzzInput(rest));
                    address = Multiaddr.fromBytes(built);
                    assertArrayEquals(built, address.toBytes());
                }
            }
        } catch (IllegalArgumentException rejected) {
            return; // documented
        }
        // whatever was accepted survives both forms and every accessor
        assertEquals(address, Multiaddr.fromBytes(address.toBytes()));
        assertEquals(address, Multiaddr.parse(address.toString()));
        assertEquals(address.toString(), Multiaddr.parse(address.toString()).toString());
        for (Component component : address.components()) {
            component.value();
            address.decapsulate(component.protocol());
        }
        address.peerId();
        address.tcpPort();
        address.host();
    }
}
