package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.transport.TlsCertificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Host} runs.
 *
 * @param identity the node key; the peer id derives from it
 * @param listenAddresses where to listen, e.g. {@code /ip4/0.0.0.0/tcp/60000} and {@code /ip4/0.0.0.0/tcp/8000/ws}
 * @param agentVersion what identify tells peers about our software
 * @param limits connection limits
 * @param dialTimeout how long a dial, including the upgrade, may take
 * @param wssCertificate the TLS certificate for {@code /wss} listen addresses
 * @param ioThreads event loop threads; 0 lets Netty choose (twice the cores)
 */
public record HostConfig(PrivKey identity, List<Multiaddr> listenAddresses, String agentVersion,
                         ConnectionLimits limits, Duration dialTimeout, Optional<TlsCertificate> wssCertificate,
                         int ioThreads) {

    public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(10);

    public HostConfig {
        Objects.requireNonNull(identity, "identity");
        listenAddresses = List.copyOf(listenAddresses);
        Objects.requireNonNull(agentVersion, "agent version");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(dialTimeout, "dial timeout");
        Objects.requireNonNull(wssCertificate, "wss certificate");
    }

    /** A host with {@code identity} listening on {@code listenAddresses}, defaults otherwise. */
    public static HostConfig of(PrivKey identity, List<Multiaddr> listenAddresses, String agentVersion) {
        return new HostConfig(identity, listenAddresses, agentVersion, ConnectionLimits.DEFAULT,
                DEFAULT_DIAL_TIMEOUT, Optional.empty(), 0);
    }
}
