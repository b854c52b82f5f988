// A js-waku light node (@waku/sdk 0.0.36) driven over stdin/stdout by the Java interop tests: the
// lightpush, filter, store and metadata client a browser app runs, over TCP to a Java service node.
// Options (JSON in argv[2]), all optional:
//   {clusterId: 1, numShardsInCluster: 8}  autosharding (the default), or {clusterId, shards: [0]} static sharding
//   numPeersToUse (1), filterKeepAliveMs (js default 60000: how often js pings its filter peers)
// Commands (JSON lines on stdin; shard/pubsubTopic pick the route under static sharding, default shards[0]):
//   dial {addr, protocols?: ["lightpush","filter"] (or "store"), timeoutMs?: 20000}  -> dialed {remotePeer, protocol}
//   lightpush {contentTopic, payload: base64, shard?, pubsubTopic?, useLegacy?: false, autoRetry?: false,
//              timestamp?: ns}  -> pushed {successes: [peerId], failures: [{error, peerId}], hash, pubsubTopic, timestamp}
//   subscribe {contentTopic, shard?, pubsubTopic?}  -> subscribed {contentTopic, pubsubTopic}
//   unsubscribe {contentTopic, shard?, pubsubTopic?}  -> unsubscribed {contentTopic, pubsubTopic}
//   ping {peerId?: the last dialed peer}  -> pinged {peer}       (filter SUBSCRIBER_PING)
//   store {contentTopics: [..] (one decoder each, on one shard), shard?, pubsubTopic?, timeStart?: ns, timeEnd?: ns,
//          messageHashes?: [hex], forward?: true, pageSize?}  -> stored {messages: [message fields], pages, requests}
//          (node.store.queryGenerator with js's defaults: data included, js pages on until an empty page;
//          messages in the order js yields them, pages = non-empty pages, requests = store streams opened)
//   peers  -> peers {peers: [{peerId, protocols, shardInfo: {clusterId, shards} | null}]}
//   decodeEnr {enr: "enr:…"}  -> enr {peerId, seq, ip, tcp, udp, multiaddrs, waku2: {relay, store, filter, lightPush},
//          shardInfo: {clusterId, shards}, tcpAddr}  (@waku/enr's EnrDecoder, which verifies the signature; absent
//          fields are null; tcpAddr = the record's ip/tcp with /p2p, what js dials)
//   stop  -> stopped
// Events besides the answers: ready {peerId}; message {contentTopic, pubsubTopic, payload, timestamp, meta,
//   ephemeral, hash} per filter push; filter {op, peer, error} per filter request js makes (answer or
//   failure, its own keep-alive pings included); error {cmd, message} (see ../lines.mjs).
// Hashes come from @waku/message-hash; timestamps are nanosecond decimal strings.
import { tcp } from '@libp2p/tcp'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { createDecoder, createEncoder, createLightNode, utils } from '@waku/sdk'
import { messageHash } from '@waku/message-hash'
import { multiaddr } from '@multiformats/multiaddr'
import { EnrDecoder, TransportProtocol } from '@waku/enr'
import { dateFromNanos, emit, fromBase64, hex, messageEvent, serve } from '../lines.mjs'

const options = JSON.parse(process.argv[2] ?? '{}')
const staticShards = options.shards
const networkConfig = staticShards
  ? { clusterId: options.clusterId ?? 1, shards: staticShards }
  : { clusterId: options.clusterId ?? 1, numShardsInCluster: options.numShardsInCluster ?? 8 }

const node = await createLightNode({
  networkConfig,
  defaultBootstrap: false,
  discovery: { dns: false, peerExchange: false, peerCache: false },
  numPeersToUse: options.numPeersToUse ?? 1,
  filter: options.filterKeepAliveMs ? { keepAliveIntervalMs: options.filterKeepAliveMs } : undefined,
  libp2p: {
    transports: [tcp()],
    streamMuxers: [yamux(), mplex()],
    hideWebSocketInfo: true,
    filterMultiaddrs: false
  }
})

// js-waku keeps the outcome of each filter request to itself (a boolean reaches the app): report each one
const filterCore = node.filter.protocol
const filterErrors = []
for (const [op, peerArgument] of [['subscribe', 1], ['unsubscribe', 1], ['unsubscribeAll', 1], ['ping', 0]]) {
  const request = filterCore[op].bind(filterCore)
  filterCore[op] = async (...args) => {
    const result = await request(...args)
    const error = result.failure?.error ?? null
    if (error) filterErrors.push(`${op}: ${error}`)
    emit({ event: 'filter', op, peer: String(args[peerArgument]), error })
    return result
  }
}

const routing = ({ contentTopic, shard, pubsubTopic }) => utils.createRoutingInfo(node.networkConfig, {
  contentTopic,
  shardId: shard ?? (pubsubTopic || !staticShards ? undefined : staticShards[0]),
  pubsubTopic
})

// the sdk unsubscribes by decoder identity, so each route keeps the decoder it subscribed with
const decoders = new Map()
const decoderFor = (command) => {
  const route = routing(command)
  const key = `${route.pubsubTopic} ${command.contentTopic}`
  if (!decoders.has(key)) decoders.set(key, createDecoder(command.contentTopic, route))
  return decoders.get(key)
}

const onMessage = (message) => emit(messageEvent(message, messageHash))

// js-waku does not tell how many store requests a query took: count the streams its store core opens
let storeRequests = 0
const storeStreams = node.store.protocol.streamManager
const openStoreStream = storeStreams.getStream.bind(storeStreams)
storeStreams.getStream = (...args) => {
  storeRequests++
  return openStoreStream(...args)
}

/** Runs a filter call that answers a boolean; on false, fails with the request errors js saw meanwhile. */
async function filterCall (what, call) {
  const seen = filterErrors.length
  if (await call()) return
  const errors = filterErrors.slice(seen)
  throw new Error(`js-waku ${what} returned false` + (errors.length ? `: ${errors.join('; ')}` : ' (no filter peer was asked)'))
}

let lastDialed = null

const commands = {
  async dial ({ addr, protocols = ['lightpush', 'filter'], timeoutMs = 20000 }) {
    const stream = await node.dial(addr, protocols)
    lastDialed = multiaddr(addr).getPeerId()
    await node.waitForPeers(protocols, timeoutMs)
    return { event: 'dialed', remotePeer: lastDialed, protocol: stream.protocol }
  },
  async lightpush ({ contentTopic, payload, shard, pubsubTopic, useLegacy = false, autoRetry = false, timestamp }) {
    const encoder = createEncoder({ contentTopic, routingInfo: routing({ contentTopic, shard, pubsubTopic }) })
    const message = { payload: fromBase64(payload), timestamp: timestamp === undefined ? new Date() : dateFromNanos(timestamp) }
    const sent = await encoder.toProtoObj(message)
    const result = await node.lightPush.send(encoder, message, { useLegacy, autoRetry })
    return {
      event: 'pushed',
      successes: result.successes.map(String),
      failures: result.failures.map((failure) => ({ error: failure.error, peerId: failure.peerId ? String(failure.peerId) : null })),
      hash: hex(messageHash(encoder.pubsubTopic, sent)),
      pubsubTopic: encoder.pubsubTopic,
      timestamp: sent.timestamp.toString()
    }
  },
  async subscribe (command) {
    const decoder = decoderFor(command)
    await filterCall(`filter.subscribe(${command.contentTopic})`, () => node.filter.subscribe(decoder, onMessage))
    return { event: 'subscribed', contentTopic: decoder.contentTopic, pubsubTopic: decoder.pubsubTopic }
  },
  async unsubscribe (command) {
    const decoder = decoderFor(command)
    await filterCall(`filter.unsubscribe(${command.contentTopic})`, () => node.filter.unsubscribe(decoder))
    return { event: 'unsubscribed', contentTopic: decoder.contentTopic, pubsubTopic: decoder.pubsubTopic }
  },
  async ping ({ peerId = lastDialed }) {
    const peer = node.libp2p.getConnections().find((c) => c.remotePeer.toString() === peerId)?.remotePeer
    if (!peer) throw new Error(`not connected to ${peerId ?? 'any dialed peer'}`)
    const result = await filterCore.ping(peer)
    if (result.failure) throw new Error(result.failure.error)
    return { event: 'pinged', peer: peer.toString() }
  },
  async store ({ contentTopics, shard, pubsubTopic, timeStart, timeEnd, messageHashes, forward = true, pageSize }) {
    const decoders = contentTopics.map((contentTopic) => decoderFor({ contentTopic, shard, pubsubTopic }))
    const options = { paginationForward: forward }
    if (pageSize !== undefined) options.paginationLimit = pageSize
    if (timeStart !== undefined) options.timeStart = dateFromNanos(timeStart)
    if (timeEnd !== undefined) options.timeEnd = dateFromNanos(timeEnd)
    if (messageHashes) options.messageHashes = messageHashes.map((hash) => new Uint8Array(Buffer.from(hash.replace(/^0x/, ''), 'hex')))
    const requestsBefore = storeRequests
    const messages = []
    let pages = 0
    for await (const page of node.store.queryGenerator(decoders, options)) {
      pages++
      for (const message of (await Promise.all(page)).filter(Boolean)) {
        const { event, ...fields } = messageEvent(message, messageHash)
        messages.push(fields)
      }
    }
    return { event: 'stored', messages, pages, requests: storeRequests - requestsBefore }
  },
  async peers () {
    const peers = await Promise.all(node.libp2p.getPeers().map(async (id) => {
      const peer = await node.libp2p.peerStore.get(id)
      const shardInfo = peer.metadata.get('shardInfo')
      return { peerId: id.toString(), protocols: peer.protocols, shardInfo: shardInfo ? utils.decodeRelayShard(shardInfo) : null }
    }))
    return { event: 'peers', peers }
  },
  async decodeEnr ({ enr }) {
    const record = await EnrDecoder.fromString(enr)
    return {
      event: 'enr',
      peerId: record.peerId?.toString() ?? null,
      seq: record.seq.toString(),
      ip: record.ip ?? null,
      tcp: record.tcp ?? null,
      udp: record.udp ?? null,
      multiaddrs: (record.multiaddrs ?? []).map(String),
      waku2: record.waku2 ?? null,
      shardInfo: record.shardInfo ?? null,
      tcpAddr: record.getFullMultiaddr(TransportProtocol.TCP)?.toString() ?? null
    }
  }
}

serve(commands, () => node.stop())

emit({ event: 'ready', peerId: node.peerId.toString() })
