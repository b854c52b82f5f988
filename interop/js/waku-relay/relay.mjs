// A js-waku relay node (@waku/sdk 0.0.27 on libp2p 1.9.4, the last release with createRelayNode) driven over
// stdin/stdout by the Java interop tests; it listens on 127.0.0.1 over TCP.
// Options (JSON in argv[2]), all optional: {clusterId: 1, shards: [0]} (static sharding)
// Commands (JSON lines on stdin; shard picks the route, default shards[0]):
//   dial {addr, timeoutMs?: 20000}  -> dialed {remotePeer}, once the peer is in js's gossipsub mesh
//   subscribe {contentTopic, shard?}  -> subscribed {contentTopic, pubsubTopic}
//   send {contentTopic, payload: base64, shard?, timestamp?: ns}
//        -> sent {successes: [peerId], failures: [{error}], hash, pubsubTopic, timestamp}
//   meshPeers {shard?}  -> meshPeers {peers: [peerId]}
//   stop  -> stopped
// Events besides the answers: ready {peerId, addrs}; message {contentTopic, pubsubTopic, payload, timestamp,
//   meta, ephemeral, hash} per relayed message on a subscribed content topic; error {cmd, message}.
// Hashes come from @waku/message-hash; timestamps are nanosecond decimal strings.
import { tcp } from '@libp2p/tcp'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { createDecoder, createEncoder, Protocols, utils, waitForRemotePeer } from '@waku/sdk'
import { createRelayNode } from '@waku/sdk/relay'
import { messageHash } from '@waku/message-hash'
import { dateFromNanos, emit, fromBase64, hex, messageEvent, serve } from '../lines.mjs'

const options = JSON.parse(process.argv[2] ?? '{}')
const clusterId = options.clusterId ?? 1
const shards = options.shards ?? [0]

const node = await createRelayNode({
  networkConfig: { clusterId, shards },
  defaultBootstrap: false,
  libp2p: {
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    streamMuxers: [yamux(), mplex()],
    hideWebSocketInfo: true,
    filterMultiaddrs: false
  }
})
await node.start()

const route = (shard) => ({ clusterId, shard: shard ?? shards[0] })

const onMessage = (message) => emit(messageEvent(message, messageHash))

const commands = {
  async dial ({ addr, timeoutMs = 20000 }) {
    const stream = await node.dial(addr, [Protocols.Relay])
    await waitForRemotePeer(node, [Protocols.Relay], timeoutMs)
    return { event: 'dialed', remotePeer: stream.remotePeer?.toString() ?? addr.split('/p2p/').pop() }
  },
  async subscribe ({ contentTopic, shard }) {
    const decoder = createDecoder(contentTopic, route(shard))
    await node.relay.subscribe(decoder, onMessage)
    return { event: 'subscribed', contentTopic, pubsubTopic: decoder.pubsubTopic }
  },
  async send ({ contentTopic, payload, shard, timestamp }) {
    const encoder = createEncoder({ contentTopic, pubsubTopicShardInfo: route(shard) })
    const message = { payload: fromBase64(payload), timestamp: timestamp === undefined ? new Date() : dateFromNanos(timestamp) }
    const sent = await encoder.toProtoObj(message)
    const result = await node.relay.send(encoder, message)
    return {
      event: 'sent',
      successes: result.successes.map(String),
      failures: result.failures.map((failure) => ({ error: failure.error, peerId: failure.peerId ? String(failure.peerId) : null })),
      hash: hex(messageHash(encoder.pubsubTopic, sent)),
      pubsubTopic: encoder.pubsubTopic,
      timestamp: sent.timestamp.toString()
    }
  },
  async meshPeers ({ shard }) {
    return { event: 'meshPeers', peers: node.relay.getMeshPeers(utils.singleShardInfoToPubsubTopic(route(shard))).map(String) }
  }
}

serve(commands, () => node.stop())

emit({
  event: 'ready',
  peerId: node.libp2p.peerId.toString(),
  addrs: node.libp2p.getMultiaddrs().map((a) => a.toString())
})
