package io.logos.delivery.kernel.peers;

import io.logos.delivery.testkit.time.MutableClock;
import io.logos.delivery.kernel.testing.TestHosts;
import io.logos.delivery.libp2p.host.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Hosts, a hand-moved clock, a scheduler and the peer managers of one test; closes them all. */
final class PeerManagerFixture implements AutoCloseable {

    static final int CLUSTER = 1;

    final TestHosts hosts = new TestHosts();
    final MutableClock clock = new MutableClock();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<PeerManager> managers = new ArrayList<>();

    /** A config for loopback tests: every test peer is on 127.0.0.1, so no colocation limit by default. */
    static PeerManagerConfig.Builder config() {
        return PeerManagerConfig.builder(CLUSTER).colocationLimit(0);
    }

    PeerManager manager(Host host, PeerManagerConfig config) {
        PeerManager manager = new PeerManager(config, host, clock, scheduler);
        managers.add(manager);
        return manager;
    }

    @Override
    public void close() throws Exception {
        managers.forEach(PeerManager::close);
        hosts.stopAll();
        scheduler.shutdownNow();
    }
}
