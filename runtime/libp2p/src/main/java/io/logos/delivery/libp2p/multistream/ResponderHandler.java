package io.logos.delivery.libp2p.multistream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Promise;
import java.util.List;
import java.util.function.Predicate;

/** The answering side: echoes the first supported proposal, says {@code na} to others, answers {@code ls}. */
final class ResponderHandler extends NegotiationHandler<String> {

    private final Predicate<String> supported;
    private final List<String> listed;
    private boolean headerReceived;

    ResponderHandler(Predicate<String> supported, List<String> listed, Promise<String> result) {
        super(result);
        this.supported = supported;
        this.listed = listed;
    }

    @Override
    void start(ChannelHandlerContext ctx) {
        // the header goes out with the first answer, so both share a packet (flushed on read complete)
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, String message) throws ProtocolNegotiationException {
        if (!headerReceived) {
            expectHeader(message);
            headerReceived = true;
            ctx.write(MultistreamMessages.encode(ctx.alloc(), MultistreamMessages.HEADER));
        } else if (message.equals(MultistreamMessages.LIST)) {
            ctx.write(MultistreamMessages.encodeList(ctx.alloc(), listed));
        } else if (supported.test(message)) {
            ctx.write(MultistreamMessages.encode(ctx.alloc(), message));
            ctx.channel().attr(MultistreamSelect.PROTOCOL).set(message);
            succeed(ctx, message);
        } else {
            ctx.write(MultistreamMessages.encode(ctx.alloc(), MultistreamMessages.NOT_AVAILABLE));
        }
    }
}
