/**
 * The {@code /noise} secure channel (libp2p noise spec): Noise_XX_25519_ChaChaPoly_SHA256 with
 * libp2p identity authentication, as a Netty handler pair. Entry point: {@link
 * io.logos.delivery.libp2p.security.noise.NoiseSecurity}.
 */
package io.logos.delivery.libp2p.security.noise;
