/**
 * Store v3 ({@code /vac/waku/store-query/3.0.0}, RFC 13): {@link io.logos.delivery.kernel.store.StoreServer}
 * answers queries from the archive, {@link io.logos.delivery.kernel.store.DefaultStoreClient} asks store peers,
 * and {@link io.logos.delivery.kernel.store.StoreResume} fills the archive after downtime. Limits and the
 * places where nwaku and the RFC differ are in docs/adr/0014.
 */
package io.logos.delivery.kernel.store;
