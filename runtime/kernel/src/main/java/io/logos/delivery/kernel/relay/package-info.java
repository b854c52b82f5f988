/** Waku relay on gossipsub: validators, publish outcomes, topic health, ordered delivery to listeners. */
package io.logos.delivery.kernel.relay;
