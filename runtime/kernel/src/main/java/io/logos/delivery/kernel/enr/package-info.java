/**
 * Ethereum Node Records (EIP-778) with the Waku keys (WAKU2-ENR: {@code waku2}, {@code multiaddrs},
 * {@code rs}/{@code rsv}): decoding and verifying records, and making the node's own.
 */
package io.logos.delivery.kernel.enr;
