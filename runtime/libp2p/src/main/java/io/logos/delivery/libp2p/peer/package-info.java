/** Peer ids (peer-ids spec, "Peer Ids"): derivation from public keys and their text forms. */
package io.logos.delivery.libp2p.peer;
