/** Connection security: what a secured connection tells about its peers. */
package io.logos.delivery.libp2p.security;
