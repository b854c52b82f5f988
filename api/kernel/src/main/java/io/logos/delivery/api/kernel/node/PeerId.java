package io.logos.delivery.api.kernel.node;

import java.util.Objects;

/**
 * A libp2p peer id in its text form (base58 multihash, e.g. {@code 16Uiu2HAm…}). Only the alphabet is
 * checked here; the node checks the multihash when it uses the id.
 */
public record PeerId(String value) {

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public PeerId {
        Objects.requireNonNull(value, "peer id");
        if (value.isEmpty() || value.chars().anyMatch(c -> BASE58.indexOf(c) < 0)) {
            throw new IllegalArgumentException("not a base58 peer id: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
