// The js sender of bench/LightpushFilterBench: a js-waku 0.0.36 light node that pushes `messages` messages of
// `size` bytes to the service node at `addr` with at most `window` pushes in flight, each stamped with the
// time it is sent, then prints {"event":"done","ok":…,"failed":…} and exits.
// Options (JSON in argv[2]): {addr, messages, window, size, sender, clusterId: 1, shards: [0]}
import { tcp } from '@libp2p/tcp'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { createEncoder, createLightNode, utils } from '@waku/sdk'
import { multiaddr } from '@multiformats/multiaddr'

const options = JSON.parse(process.argv[2])
const clusterId = options.clusterId ?? 1
const shards = options.shards ?? [0]
const node = await createLightNode({
  networkConfig: { clusterId, shards },
  defaultBootstrap: false,
  discovery: { dns: false, peerExchange: false, peerCache: false },
  numPeersToUse: 1,
  libp2p: { transports: [tcp()], streamMuxers: [yamux(), mplex()], hideWebSocketInfo: true, filterMultiaddrs: false }
})
await node.start()
await node.dial(multiaddr(options.addr))
await node.waitForPeers(['lightpush'], 30000)

const contentTopic = '/logos-bench/1/lightpush/proto'
const encoder = createEncoder({
  contentTopic,
  routingInfo: utils.createRoutingInfo(node.networkConfig, { contentTopic, shardId: shards[0] })
})
let ok = 0
let failed = 0
let next = 0
const sendOne = async () => {
  while (next < options.messages) {
    const payload = new Uint8Array(options.size)
    new DataView(payload.buffer).setUint32(0, next++)
    payload[4] = options.sender
    const result = await node.lightPush.send(encoder, { payload, timestamp: new Date() }, { autoRetry: false })
    if (result.successes.length > 0) ok++
    else failed++
  }
}
await Promise.all(Array.from({ length: options.window }, sendOne))
process.stdout.write(JSON.stringify({ event: 'done', ok, failed }) + '\n')
await node.stop()
process.exit(0)
