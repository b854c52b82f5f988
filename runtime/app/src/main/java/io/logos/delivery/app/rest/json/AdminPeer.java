package io.logos.delivery.app.rest.json;

import java.util.List;

/**
 * A peer as {@code GET /admin/v1/peers} lists it. {@code connected} is nwaku's connectedness
 * ({@code Connected} or {@code NotConnected}), {@code origin} nwaku's peer origin name.
 */
public record AdminPeer(String multiaddr, List<String> protocols, List<Integer> shards, String connected,
                        String agent, String origin) {
}
