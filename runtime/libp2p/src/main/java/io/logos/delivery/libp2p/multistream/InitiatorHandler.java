package io.logos.delivery.libp2p.multistream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Promise;
import java.util.List;

/** The proposing side: offers the protocols in order until the peer echoes one. */
final class InitiatorHandler extends NegotiationHandler<String> {

    private final List<String> protocols;
    private int proposal;
    private boolean headerReceived;

    InitiatorHandler(List<String> protocols, Promise<String> result) {
        super(result);
        this.protocols = protocols;
    }

    @Override
    void start(ChannelHandlerContext ctx) {
        // header and first proposal in one packet, as the spec recommends
        ctx.write(MultistreamMessages.encode(ctx.alloc(), MultistreamMessages.HEADER, protocols.getFirst()));
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, String message) throws ProtocolNegotiationException {
        if (!headerReceived) {
            expectHeader(message);
            headerReceived = true;
            return;
        }
        String proposed = protocols.get(proposal);
        if (message.equals(proposed)) {
            ctx.channel().attr(MultistreamSelect.PROTOCOL).set(proposed);
            succeed(ctx, proposed);
        } else if (message.equals(MultistreamMessages.NOT_AVAILABLE)) {
            proposeNext(ctx);
        } else {
            throw new ProtocolNegotiationException(
                    "peer answered '" + message + "' to the proposal '" + proposed + "'");
        }
    }

    private void proposeNext(ChannelHandlerContext ctx) {
        proposal++;
        if (proposal == protocols.size()) {
            fail(ctx, new ProtocolNegotiationException("peer " + ctx.channel().remoteAddress()
                    + " supports none of the proposed protocols " + protocols));
            return;
        }
        ctx.writeAndFlush(MultistreamMessages.encode(ctx.alloc(), protocols.get(proposal)));
    }
}
