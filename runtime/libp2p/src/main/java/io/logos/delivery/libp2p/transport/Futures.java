package io.logos.delivery.libp2p.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;

/** Bridges Netty's channel futures to {@link CompletableFuture}, completed on the channel's event loop. */
final class Futures {

    private Futures() {
    }

    static CompletableFuture<Channel> of(ChannelFuture future) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        future.addListener(done -> {
            if (done.isSuccess()) {
                result.complete(future.channel());
            } else {
                result.completeExceptionally(done.cause());
            }
        });
        return result;
    }
}
