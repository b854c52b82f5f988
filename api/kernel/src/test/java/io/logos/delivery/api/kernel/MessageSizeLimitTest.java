package io.logos.delivery.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** nwaku's --max-msg-size syntax. */
class MessageSizeLimitTest {

    @Test
    void parsesUnits() {
        assertEquals(153_600, MessageSizeLimit.parse("150KiB").bytes());
        assertEquals(100_000, MessageSizeLimit.parse("100KB").bytes());
        assertEquals(2048, MessageSizeLimit.parse("2048B").bytes());
        assertEquals(2048, MessageSizeLimit.parse("2048").bytes());
        assertEquals(1_048_576, MessageSizeLimit.parse("1024KiB").bytes());
    }

    @Test
    void unitsAreCaseInsensitiveAndSpacesAllowed() {
        assertEquals(153_600, MessageSizeLimit.parse("150kib").bytes());
        assertEquals(153_600, MessageSizeLimit.parse(" 150 KiB ").bytes());
        assertEquals(100_000, MessageSizeLimit.parse("100kb").bytes());
        assertEquals(7, MessageSizeLimit.parse("7b").bytes());
    }

    @Test
    void defaultIsNwakus() {
        assertEquals(153_600, MessageSizeLimit.DEFAULT.bytes());
        assertEquals(MessageSizeLimit.parse("150KiB"), MessageSizeLimit.DEFAULT);
    }

    @Test
    void badInputIsExplained() {
        for (String text : new String[] {"", "abc", "150MB", "150 KiBs", "-1", "1.5KiB", "KiB", "0x10"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MessageSizeLimit.parse(text), text);
            assertEquals("invalid message size '" + text + "': expected a number with unit B, KB or KiB, e.g. 150KiB",
                    e.getMessage());
        }
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> MessageSizeLimit.parse("9999999999KiB"));
        assertTrue(huge.getMessage().contains("larger than 2 GiB"), huge.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> MessageSizeLimit.parse("0KiB"));
        assertTrue(zero.getMessage().contains("must be positive"), zero.getMessage());
        assertThrows(NullPointerException.class, () -> MessageSizeLimit.parse(null));
    }

    @Test
    void admitsUpToTheLimit() {
        MessageSizeLimit limit = MessageSizeLimit.DEFAULT;
        assertTrue(limit.admits(0));
        assertTrue(limit.admits(153_600));
        assertFalse(limit.admits(153_601));
        assertThrows(IllegalArgumentException.class, () -> new MessageSizeLimit(0));
        assertThrows(IllegalArgumentException.class, () -> new MessageSizeLimit(-5));
    }
}
