// A stand-in Waku service node for light.mjs until the Java one exists: it answers metadata, lightpush v3
// and filter-subscribe with the codecs of @waku/proto, pushes filter messages on command, and reports
// every stream and request the light node makes, so the tests see exactly what js sends a service node.
// It is the reference the Java service node replaces in the light-node interop tests.
// Options (JSON in argv[2]), all optional: {clusterId: 1, shards: [0..7], metadata: true (false: no
//   metadata protocol at all), lightpushStatus: 200, lightpushDesc: "OK", filterStatus: 200}
// Commands: push {peerId, pubsubTopic, contentTopic, payload: base64, timestamp: ns} -> pushed {hash}; stop
// Events: ready {peerId, addrs}; stream {protocol, peer} when a peer opens a stream; request {protocol,
//   peer, request, bytes, hash} once its request frame arrived, or with nulls when the stream ended without
//   one (request decoded: byte fields as base64, integers as strings; bytes: the frame itself; hash: of a
//   lightpush request's message); error.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { mplex } from '@libp2p/mplex'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { proto_filter_v2 as filter, proto_lightpush as lightpush, proto_metadata as metadata } from '@waku/proto'
import { messageHash } from '@waku/message-hash'
import * as lp from 'it-length-prefixed'
import { pipe } from 'it-pipe'
import { base64, emit, errorEvent, fromBase64, hex, serve } from '../lines.mjs'

const options = JSON.parse(process.argv[2] ?? '{}')
const clusterId = options.clusterId ?? 1
const shards = options.shards ?? [0, 1, 2, 3, 4, 5, 6, 7]

const node = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux(), mplex()],
  services: { identify: identify({ agentVersion: 'interop-service-stub' }), ping: ping() }
})

// JSON.stringify hands a replacer Buffer.toJSON()'s output, so look at the raw field (this[key])
const asJson = (value) => JSON.parse(JSON.stringify(value, function (key) {
  const field = this[key]
  return typeof field === 'bigint' ? field.toString() : field instanceof Uint8Array ? base64(field) : field
}))

/** Reads one request frame, reports it, writes the answer `respond` gives and closes the stream. */
function answer (protocol, codec, respond) {
  return node.handle(protocol, async ({ stream, connection }) => {
    const peer = connection.remotePeer.toString()
    emit({ event: 'stream', protocol, peer })
    try {
      let frame = null
      for await (const first of lp.decode(stream.source)) {
        frame = first.subarray()
        break
      }
      const request = frame && codec.decode(frame)
      const hash = request?.message && request.pubsubTopic ? hex(messageHash(request.pubsubTopic, request.message)) : null
      emit({ event: 'request', protocol, peer, request: asJson(request), bytes: frame && base64(frame), hash })
      if (request) await pipe([respond(request)], lp.encode, stream.sink)
      await stream.close()
    } catch (error) {
      emit(errorEvent(protocol, error))
    }
  })
}

if (options.metadata !== false) {
  await answer('/vac/waku/metadata/1.0.0', metadata.WakuMetadataRequest,
    () => metadata.WakuMetadataResponse.encode({ clusterId, shards }))
}
await answer('/vac/waku/lightpush/3.0.0', lightpush.LightPushRequestV3, (request) => lightpush.LightPushResponseV3.encode({
  requestId: request.requestId,
  statusCode: options.lightpushStatus ?? 200,
  statusDesc: options.lightpushDesc ?? 'OK',
  relayPeerCount: 1
}))
await answer('/vac/waku/filter-subscribe/2.0.0-beta1', filter.FilterSubscribeRequest, (request) => filter.FilterSubscribeResponse.encode({
  requestId: request.requestId,
  statusCode: options.filterStatus ?? 200,
  statusDesc: 'OK'
}))

const commands = {
  async push ({ peerId, pubsubTopic, contentTopic, payload, timestamp }) {
    const connection = node.getConnections().find((c) => c.remotePeer.toString() === peerId)
    if (!connection) throw new Error(`not connected to ${peerId}`)
    const message = { payload: fromBase64(payload), contentTopic, timestamp: BigInt(timestamp) }
    const stream = await connection.newStream('/vac/waku/filter-push/2.0.0-beta1')
    await pipe([filter.MessagePush.encode({ wakuMessage: message, pubsubTopic })], lp.encode, stream.sink)
    await stream.close()
    return { event: 'pushed', hash: hex(messageHash(pubsubTopic, message)) }
  }
}

serve(commands, () => node.stop())

emit({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map((a) => a.toString()) })
