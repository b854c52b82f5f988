package io.logos.delivery.libp2p.multiaddr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    /** RFC 5952 §4 canonical forms. */
    @Test
    void writesIpv6InCanonicalForm() {
        assertCanonical("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1");
        assertCanonical("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1");
        assertCanonical("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");
        assertCanonical("2001:DB8::AB", "2001:db8::ab");
        assertCanonical("0:0:0:0:0:0:0:0", "::");
        assertCanonical("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0");
        assertCanonical("::ffff:1.2.3.4", "::ffff:1.2.3.4");
        assertCanonical("::1.2.3.4", "::102:304");
        assertCanonical("fe80::1:2.3.4.5", "fe80::1:203:405");
    }

    private static void assertCanonical(String input, String canonical) {
        assertEquals(canonical, IpAddresses.formatIp6(IpAddresses.parseIp6(input)), input);
    }

    @Test
    void rejectsMalformedIpv6() {
        for (String text : List.of("", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::g", "fe80::1%eth0",
                ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "1:2:3:4:5:6:7", "::1.2.3", "1.2.3.4", "::1.2.3.4:1")) {
            assertThrows(IllegalArgumentException.class, () -> IpAddresses.parseIp6(text), text);
        }
    }

    @Test
    void rejectsMalformedIpv4() {
        for (String text : List.of("", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1.2.3.-4", "1..3.4", "a.b.c.d", "+1.2.3.4")) {
            assertThrows(IllegalArgumentException.class, () -> IpAddresses.parseIp4(text), text);
        }
    }

    /** Agrees with the JDK's literal parser on random addresses written in the canonical form. */
    @Test
    void agreesWithTheJdkOnRandomAddresses() throws UnknownHostException {
        Random random = new Random(0x1F6L);
        for (int i = 0; i < 3000; i++) {
            byte[] address = new byte[16];
            for (int group = 0; group < 8; group++) {
                if (random.nextInt(3) > 0) {
                    address[2 * group] = (byte) random.nextInt(256);
                    address[2 * group + 1] = (byte) random.nextInt(256);
                }
            }
            String text = IpAddresses.formatIp6(address);
            assertArrayEquals(address, IpAddresses.parseIp6(text), text);
            byte[] jdk = InetAddress.getByName("[" + text + "]").getAddress();
            if (jdk.length == 16) {
                assertArrayEquals(address, jdk, text);
            }
            byte[] ip4 = {address[0], address[1], address[2], address[3]};
            assertArrayEquals(ip4, IpAddresses.parseIp4(IpAddresses.formatIp4(ip4)));
        }
    }
}
