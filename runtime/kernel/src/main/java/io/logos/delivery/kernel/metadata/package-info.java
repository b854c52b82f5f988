/** Waku metadata {@code /vac/waku/metadata/1.0.0}: cluster and shards exchanged on every connection. */
package io.logos.delivery.kernel.metadata;
