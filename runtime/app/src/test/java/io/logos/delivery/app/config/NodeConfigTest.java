package io.logos.delivery.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

    private static NodeConfig withStoreUrl(String url) {
        NetworkConfig network = new NetworkConfig("127.0.0.1", 0, false, 0, Optional.empty(), 150, Optional.empty(), "t");
        return new NodeConfig(0, MessageSizeLimit.DEFAULT, false, url, 5, Path.of("plugins"), Path.of("data"), network,
                ProtocolsConfig.defaults(), RestConfig.disabled());
    }

    @Test
    void theLoggedArchiveUrlHidesThePassword() {
        assertEquals("postgres://waku:***@db.example:5432/archive",
                withStoreUrl("postgres://waku:s3cr%40t@db.example:5432/archive").redactedStoreUrl());
        assertEquals("postgres://waku:***@db:5432/archive",
                withStoreUrl("postgres://waku:p@ss:w@db:5432/archive").redactedStoreUrl());
        assertEquals("postgres://waku@db/archive", withStoreUrl("postgres://waku@db/archive").redactedStoreUrl());
        assertEquals("sqlite://data/store.sqlite3", withStoreUrl("sqlite://data/store.sqlite3").redactedStoreUrl());
    }
}
