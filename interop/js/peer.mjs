// A js-libp2p peer driven over stdin/stdout by the Java interop tests. One script serves every pinned
// stack: each stack folder links to it, and node runs it with --preserve-symlinks(-main) so that its
// imports resolve in that folder (js-libp2p 3 in libp2p3/, the libp2p 2 line of @waku/sdk in waku/).
// Options (JSON in argv[2]): {muxers: ["yamux","mplex"], gossipProtocols: ["/meshsub/1.1.0"], listen: true}
// Commands (JSON lines on stdin):  {"cmd":"dial","addr":…}  {"cmd":"ping","addr":…}
//   {"cmd":"subscribe","topic":…}  {"cmd":"publish","topic":…,"data":base64}  {"cmd":"stop"}
// Events (JSON lines on stdout, see ../lines.mjs): ready, dialed, ping, identify, message, published, error.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'

// the gossipsub package moved from @chainsafe to @libp2p with js-libp2p 3
const { gossipsub } = await import('@libp2p/gossipsub').catch(() => import('@chainsafe/libp2p-gossipsub'))
import { multiaddr } from '@multiformats/multiaddr'
import { createHash } from 'node:crypto'
import { base64, emit, serve } from '../lines.mjs'

const options = JSON.parse(process.argv[2] ?? '{}')
const muxerFactories = { yamux: () => yamux(), mplex: () => mplex() }

const node = await createLibp2p({
  start: false,
  addresses: { listen: options.listen === false ? [] : ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: (options.muxers ?? ['yamux', 'mplex']).map((name) => muxerFactories[name]()),
  services: {
    identify: identify(),
    ping: ping(),
    pubsub: gossipsub({
      fallbackToFloodsub: false,
      globalSignaturePolicy: 'StrictNoSign',
      allowPublishToZeroTopicPeers: true,
      emitSelf: false,
      msgIdFn: (message) => createHash('sha256').update(message.data).digest()
    })
  }
})

// the protocol ids are read when the service starts; gossipsub 17 ignores its `protocols` option
// and gossipsub 14 calls the field `multicodecs`
const gossipProtocols = options.gossipProtocols ?? ['/meshsub/1.2.0', '/meshsub/1.1.0']
const pubsub = node.services.pubsub
if ('multicodecs' in pubsub) pubsub.multicodecs = gossipProtocols
else pubsub.protocols = gossipProtocols
await node.start()

node.addEventListener('peer:identify', ({ detail }) => emit({
  event: 'identify',
  peer: detail.peerId.toString(),
  protocols: detail.protocols,
  listenAddrs: detail.listenAddrs.map((a) => a.toString()),
  agentVersion: detail.agentVersion,
  protocolVersion: detail.protocolVersion
}))
node.services.pubsub.addEventListener('message', ({ detail }) => emit({
  event: 'message', topic: detail.topic, data: base64(detail.data)
}))

const commands = {
  async dial ({ addr }) {
    const connection = await node.dial(multiaddr(addr))
    return { event: 'dialed', remotePeer: connection.remotePeer.toString(), muxer: connection.multiplexer, encryption: connection.encryption }
  },
  async ping ({ addr }) {
    return { event: 'ping', rtt: await node.services.ping.ping(multiaddr(addr)) }
  },
  async subscribe ({ topic }) {
    node.services.pubsub.subscribe(topic)
    return { event: 'subscribed', topic }
  },
  async publish ({ topic, data }) {
    const result = await node.services.pubsub.publish(topic, Buffer.from(data, 'base64'))
    return { event: 'published', recipients: result.recipients.length }
  },
  async meshPeers ({ topic }) {
    return { event: 'meshPeers', peers: node.services.pubsub.getMeshPeers(topic) }
  }
}

serve(commands, () => node.stop())

emit({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map((a) => a.toString()) })
