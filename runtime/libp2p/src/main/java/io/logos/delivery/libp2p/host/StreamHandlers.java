package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The protocols this host serves, and the negotiation of each stream a peer opens. */
final class StreamHandlers {

    private final Map<String, StreamHandler> byProtocol = new ConcurrentHashMap<>();
    private final Consumer<List<String>> onChange;

    StreamHandlers(Consumer<List<String>> onChange) {
        this.onChange = onChange;
    }

    void add(String protocol, StreamHandler handler) {
        if (byProtocol.put(protocol, handler) != handler) {
            onChange.accept(protocols());
        }
    }

    void remove(String protocol) {
        if (byProtocol.remove(protocol) != null) {
            onChange.accept(protocols());
        }
    }

    /** The served protocol ids, sorted. */
    List<String> protocols() {
        return byProtocol.keySet().stream().sorted().toList();
    }

    /** Put into every inbound stream: agrees on a served protocol, then hands the stream to its handler. */
    @ChannelHandler.Sharable
    final class InboundStreams extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel stream) {
            MultistreamSelect.respond(stream, byProtocol::containsKey, protocols()).addListener(agreed -> {
                if (agreed.isSuccess()) {
                    StreamHandler handler = byProtocol.get((String) agreed.getNow());
                    if (handler == null) {
                        stream.close();
                    } else {
                        handler.handle(Connection.of(stream), (MuxedStreamChannel) stream);
                    }
                }
            });
        }
    }
}
