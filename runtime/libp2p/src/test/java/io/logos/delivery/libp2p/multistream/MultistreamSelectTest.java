package io.logos.delivery.libp2p.multistream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exchange byte by byte, on an embedded channel. */
class MultistreamSelectTest {

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        return channel;
    }

    @AfterEach
    void releaseWhatIsLeft() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** One multistream message, encoded here independently of the code under test (lengths below 128). */
    private static byte[] message(String text) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[bytes.length + 1];
        framed[0] = (byte) bytes.length;
        System.arraycopy(bytes, 0, framed, 1, bytes.length);
        return framed;
    }

    private static byte[] messages(String... texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String text : texts) {
            out.writeBytes(message(text));
        }
        return out.toByteArray();
    }

    private static byte[] readAllOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return out.toByteArray();
    }

    @Test
    void theInitiatorSendsHeaderAndProposalTogetherAndFallsBackAfterNa() {
        EmbeddedChannel channel = channel();
        Future<String> selected = MultistreamSelect.initiate(channel, List.of("/a/2.0.0", "/a/1.0.0"));
        assertArrayEquals(messages("/multistream/1.0.0", "/a/2.0.0"), readAllOutbound(channel));

        channel.writeInbound(Unpooled.wrappedBuffer(messages("/multistream/1.0.0", "na")));
        assertArrayEquals(message("/a/1.0.0"), readAllOutbound(channel));
        assertFalse(selected.isDone());

        channel.writeInbound(Unpooled.wrappedBuffer(messages("/a/1.0.0")));
        assertEquals("/a/1.0.0", selected.getNow());
        assertEquals("/a/1.0.0", channel.attr(MultistreamSelect.PROTOCOL).get());
        assertNull(channel.pipeline().get("multistream-select"), "the handler removed itself");
    }

    @Test
    void linesPackedIntoOneMessageAreReadOneByOne() {
        EmbeddedChannel channel = channel();
        Future<String> selected = MultistreamSelect.initiate(channel, List.of("/a/1.0.0"));

        channel.writeInbound(Unpooled.wrappedBuffer(message("/multistream/1.0.0\n/a/1.0.0")));

        assertEquals("/a/1.0.0", selected.getNow());
    }

    @Test
    void theInitiatorFailsAndClosesWhenNoProposalIsAccepted() {
        EmbeddedChannel channel = channel();
        Future<String> selected = MultistreamSelect.initiate(channel, List.of("/only/1.0.0"));

        channel.writeInbound(Unpooled.wrappedBuffer(messages("/multistream/1.0.0", "na")));

        assertInstanceOf(ProtocolNegotiationException.class, selected.cause());
        assertTrue(selected.cause().getMessage().contains("/only/1.0.0"), selected.cause().getMessage());
        assertFalse(channel.isOpen());
    }

    @Test
    void theResponderEchoesASupportedProposalInOnePacketWithItsHeader() {
        EmbeddedChannel channel = channel();
        Future<String> selected = MultistreamSelect.respond(channel, Set.of("/b/1.0.0"));

        channel.writeInbound(Unpooled.wrappedBuffer(messages("/multistream/1.0.0", "/a/1.0.0")));
        assertArrayEquals(messages("/multistream/1.0.0", "na"), readAllOutbound(channel));
        channel.writeInbound(Unpooled.wrappedBuffer(messages("/b/1.0.0")));

        assertArrayEquals(message("/b/1.0.0"), readAllOutbound(channel));
        assertEquals("/b/1.0.0", selected.getNow());
        assertEquals("/b/1.0.0", channel.attr(MultistreamSelect.PROTOCOL).get());
    }

    @Test
    void bytesBehindTheAcceptedProposalGoToTheHandlerTheListenerAdded() {
        EmbeddedChannel channel = channel();
        Future<String> selected = MultistreamSelect.respond(channel, Set.of("/b/1.0.0"));
        List<String> seen = new ArrayList<>();
        selected.addListener(f -> channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add(((ByteBuf) msg).toString(StandardCharsets.UTF_8));
                ((ByteBuf) msg).release();
            }
        }));

        // an optimistic initiator (as js-libp2p) sends its first data without waiting for the echo
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.writeBytes(messages("/multistream/1.0.0", "/b/1.0.0"));
        packet.writeBytes("early data".getBytes(StandardCharsets.UTF_8));
        channel.writeInbound(Unpooled.wrappedBuffer(packet.toByteArray()));

        assertEquals(List.of("early data"), seen);
    }

    @Test
    void lsIsAnsweredWithNestedMessagesAndAClosingNewline() {
        EmbeddedChannel channel = channel();
        MultistreamSelect.respond(channel, p -> false, List.of("/x/1", "/y/2"));

        channel.writeInbound(Unpooled.wrappedBuffer(messages("/multistream/1.0.0", "ls")));

        byte[] body = messages("/x/1", "/y/2");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(message("/multistream/1.0.0"));
        expected.write(body.length + 1);
        expected.writeBytes(body);
        expected.write('\n');
        assertArrayEquals(expected.toByteArray(), readAllOutbound(channel));
    }

    @Test
    void listProtocolsReadsTheLsAnswer() {
        EmbeddedChannel listing = channel();
        Future<List<String>> protocols = MultistreamSelect.listProtocols(listing);
        assertArrayEquals(messages("/multistream/1.0.0", "ls"), readAllOutbound(listing));

        EmbeddedChannel responder = channel();
        MultistreamSelect.respond(responder, p -> false, List.of("/x/1", "/y/2"));
        responder.writeInbound(Unpooled.wrappedBuffer(messages("/multistream/1.0.0", "ls")));
        listing.writeInbound(Unpooled.wrappedBuffer(readAllOutbound(responder)));

        assertEquals(List.of("/x/1", "/y/2"), protocols.getNow());
    }

    @Test
    void anOversizedMessageClosesTheChannel() {
        EmbeddedChannel channel = channel();
        Future<String> selected = MultistreamSelect.respond(channel, Set.of("/a/1.0.0"));

        // length 2000 as varint, more than the 1 KiB bound; the body need not even arrive
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xd0, 0x0f}));

        assertInstanceOf(ProtocolNegotiationException.class, selected.cause());
        assertTrue(selected.cause().getMessage().contains("exceeds"), selected.cause().getMessage());
        assertFalse(channel.isOpen());
    }

    @Test
    void aMalformedVarintClosesTheChannel() {
        EmbeddedChannel channel = channel();
        Future<String> selected = MultistreamSelect.respond(channel, Set.of("/a/1.0.0"));

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));

        assertInstanceOf(ProtocolNegotiationException.class, selected.cause());
        assertFalse(channel.isOpen());
    }

    @Test
    void aWrongHeaderOrAMissingNewlineClosesTheChannel() {
        EmbeddedChannel wrongHeader = channel();
        Future<String> first = MultistreamSelect.respond(wrongHeader, Set.of("/a/1.0.0"));
        wrongHeader.writeInbound(Unpooled.wrappedBuffer(messages("/multistream/2.0.0")));
        assertTrue(first.cause().getMessage().contains("expected the header"), first.cause().getMessage());

        EmbeddedChannel noNewline = channel();
        Future<String> second = MultistreamSelect.initiate(noNewline, List.of("/a/1.0.0"));
        noNewline.writeInbound(Unpooled.wrappedBuffer(new byte[] {3, 'n', 'a', 'x'}));
        assertInstanceOf(ProtocolNegotiationException.class, second.cause());
        assertFalse(noNewline.isOpen());
    }
}
