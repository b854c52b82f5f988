/**
 * The Waku node (will hold WakuNode and its lifecycle); protocols live in sub-packages named after
 * them: relay, lightpush, filter, store, archive, sync, peers.
 */
package io.logos.delivery.kernel;
