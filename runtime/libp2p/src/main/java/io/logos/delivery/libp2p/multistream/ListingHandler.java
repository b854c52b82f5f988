package io.logos.delivery.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Promise;
import java.util.List;

/** Asks the peer for its protocols with {@code ls} and yields its answer. */
final class ListingHandler extends NegotiationHandler<List<String>> {

    private boolean headerReceived;

    ListingHandler(Promise<List<String>> result) {
        super(result);
    }

    @Override
    void start(ChannelHandlerContext ctx) {
        ctx.write(MultistreamMessages.encode(ctx.alloc(), MultistreamMessages.HEADER, MultistreamMessages.LIST));
    }

    @Override
    void readNext(ChannelHandlerContext ctx, ByteBuf in) throws ProtocolNegotiationException {
        if (!headerReceived) {
            super.readNext(ctx, in);
            return;
        }
        ByteBuf body = MultistreamMessages.readBody(in, MultistreamMessages.MAX_LIST_LENGTH);
        if (body != null) {
            succeed(ctx, List.copyOf(MultistreamMessages.parseList(body)));
        }
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, String message) throws ProtocolNegotiationException {
        expectHeader(message);
        headerReceived = true;
    }
}
