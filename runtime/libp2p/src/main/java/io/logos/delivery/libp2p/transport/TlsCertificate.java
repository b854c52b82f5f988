package io.logos.delivery.libp2p.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A TLS server identity for {@code /wss}: PEM files of a private key and its certificate chain.
 */
public record TlsCertificate(Path privateKey, Path certificateChain) {

    public TlsCertificate {
        Objects.requireNonNull(privateKey, "private key");
        Objects.requireNonNull(certificateChain, "certificate chain");
    }

    /**
     * @throws IllegalArgumentException naming the files when they cannot be read or do not match
     */
    SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot use TLS key " + privateKey + " with certificate "
                    + certificateChain + ": " + e.getMessage(), e);
        }
    }
}
