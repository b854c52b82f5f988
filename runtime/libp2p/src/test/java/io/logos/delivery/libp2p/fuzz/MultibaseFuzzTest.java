package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logos.delivery.libp2p.multiformats.Base32;
import io.logos.delivery.libp2p.multiformats.BaseX;
import io.logos.delivery.libp2p.multiformats.Multibase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text codecs of peer ids: multibase, base58btc, base36 and base32. Input: one byte choosing the
 * decoder, then the text (UTF-8) or, for the encode directions, the bytes.
 */
class MultibaseFuzzTest {

    @FuzzTest
    void decodesCanonicalTextOrRejectsIt(byte[] input) throws Exception {
        withinBudget(() -> check(input));
    }

    private static void check(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        String text = new String(rest, StandardCharsets.UTF_8);
        switch (input[0] & 0x07) {
            case 0 -> {
                try {
                    byte[] decoded = Multibase.decode(text);
                    // whatever multibase text decodes, its base32 form decodes to the same bytes
                    assertArrayEquals(decoded, Multibase.decode(Multibase.encodeBase32(decoded)));
                } catch (IllegalArgumentException rejected) {
                    // documented
                }
            }
            case 1 -> roundTrips(BaseX.BASE58_BTC, text);
            case 2 -> roundTrips(BaseX.BASE36, text);
            case 3 -> {
                try {
                    byte[] decoded = Base32.decode(text);
                    assertArrayEquals(decoded, Base32.decode(Base32.encode(decoded)));
                    if (text.chars().allMatch(c -> c < 128)) {
                        // canonical: no padding, no stray bits, so the text is the one encoding of the bytes.
                        // (Only for ASCII: decode lower-cases with Character.toLowerCase, so it also takes
                        // e.g. the Kelvin sign U+212A for 'k', a known leniency left as it is.)
                        assertEquals(asciiLowerCase(text), Base32.encode(decoded));
                    }
                } catch (IllegalArgumentException rejected) {
                    // documented
                }
            }
            case 4 -> assertArrayEquals(rest, BaseX.BASE58_BTC.decode(BaseX.BASE58_BTC.encode(rest)));
            case 5 -> assertArrayEquals(rest, BaseX.BASE36.decode(BaseX.BASE36.encode(rest)));
            case 6 -> assertArrayEquals(rest, Base32.decode(Base32.encode(rest)));
            default -> assertArrayEquals(rest, Multibase.decode(Multibase.encodeBase32(rest)));
        }
    }

    private static void roundTrips(BaseX base, String text) {
        try {
            byte[] decoded = base.decode(text);
            assertEquals(text, base.encode(decoded), "every text in the alphabet is the one encoding of its bytes");
        } catch (IllegalArgumentException rejected) {
            // documented
        }
    }

    private static String asciiLowerCase(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return lower.toString();
    }
}
