// Gossipsub throughput between pinned js-libp2p 3 peers: the js baseline of BENCHMARKS.md (b).
// Each peer is its own Node process (configured as peer.mjs configures its node: TCP, Noise, yamux,
// identify, gossipsub with StrictNoSign and a SHA-256 message id); this process only coordinates them over IPC.
//
//   node gossip-bench.mjs '{"subscribers":3,"messages":20000,"size":1024,"rounds":5,"warmupRounds":1}'
//
// The publisher dials every subscriber (a star: each subscriber's only mesh peer is the publisher) and
// publishes `messages` distinct messages of `size` bytes per round, as fast as it can while at most `window`
// messages are not yet received by every subscriber (gossipsub itself has no backpressure: past that, its
// stream buffers would overflow). A round lasts from the first publish to the last subscriber receiving its
// last message; the figure is messages/s, each message being delivered to every subscriber.
// Each round also reports the cores the peers used and the cores other processes kept busy (Linux
// /proc/stat); with "maxOtherCores" a round disturbed by more than that is discarded and run again (at most
// twice the rounds). Prints one line per round and a final RESULT line.
import { fork } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import os from 'node:os'

const TOPIC = '/logos-bench/1/gossip/proto'
let stopping = false // the coordinator is killing its peers

if (process.argv[2] === 'peer') {
  await runPeer(process.argv[3])
} else {
  await coordinate(JSON.parse(process.argv[2] ?? '{}'))
}

// ---- a peer process ----

async function runPeer (role) {
  const { createLibp2p } = await import('libp2p')
  const { tcp } = await import('@libp2p/tcp')
  const { noise } = await import('@chainsafe/libp2p-noise')
  const { yamux } = await import('@chainsafe/libp2p-yamux')
  const { identify } = await import('@libp2p/identify')
  const { gossipsub } = await import('@libp2p/gossipsub')
  const { multiaddr } = await import('@multiformats/multiaddr')

  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      pubsub: gossipsub({
        fallbackToFloodsub: false,
        globalSignaturePolicy: 'StrictNoSign',
        allowPublishToZeroTopicPeers: false,
        emitSelf: false,
        msgIdFn: (message) => createHash('sha256').update(message.data).digest()
      })
    }
  })
  const pubsub = node.services.pubsub
  pubsub.subscribe(TOPIC)

  let received = 0
  let reported = 0
  let reportEvery = 50
  const report = () => {
    if (received !== reported) {
      reported = received
      process.send({ event: 'received', count: received })
    }
  }
  pubsub.addEventListener('message', ({ detail }) => {
    if (detail.topic !== TOPIC) return
    received++
    if (received % reportEvery === 0) report()
  })
  setInterval(report, 10).unref() // the remainder of a batch

  let published = 0
  let acknowledged = 0 // the fewest messages any subscriber has received
  let wake = null

  const commands = {
    async dial ({ addrs }) {
      for (const addr of addrs) await node.dial(multiaddr(addr))
      const deadline = Date.now() + 30000
      while (pubsub.getMeshPeers(TOPIC).length < addrs.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return { event: 'dialed', mesh: pubsub.getMeshPeers(TOPIC).length, subscribers: pubsub.getSubscribers(TOPIC).length }
    },
    async report ({ every }) {
      reportEvery = every
      return null
    },
    async acknowledged ({ count }) {
      acknowledged = count
      if (wake != null) { const w = wake; wake = null; w() }
      return null
    },
    async publish ({ messages, size, window }) {
      const data = Buffer.alloc(Math.max(size, 8))
      const target = published + messages
      while (published < target) {
        while (published - acknowledged >= window) await new Promise((resolve) => { wake = resolve })
        data.writeBigUInt64BE(BigInt(published), 0) // distinct data, so a distinct message id
        published++
        await pubsub.publish(TOPIC, Uint8Array.from(data))
      }
      return { event: 'publishedAll', published }
    },
    async cpu () {
      const usage = process.cpuUsage()
      return { event: 'cpu', micros: usage.user + usage.system }
    },
    async stop () {
      await node.stop()
      process.exit(0)
    }
  }
  process.on('message', async (command) => {
    try {
      const reply = await commands[command.cmd](command)
      if (reply != null) process.send(reply)
    } catch (error) {
      process.send({ event: 'error', cmd: command.cmd, message: String(error?.stack ?? error) })
    }
  })
  process.on('disconnect', () => process.exit(0)) // the coordinator is gone
  process.send({ event: 'ready', role, addrs: node.getMultiaddrs().map((a) => a.toString()) })
}

// ---- the coordinator ----

function spawnPeer (role) {
  const child = fork(fileURLToPath(import.meta.url), ['peer', role], { execPath: process.execPath, stdio: 'inherit' })
  const waiting = new Map()
  const listeners = []
  child.on('message', (message) => {
    if (message.event === 'error') {
      console.error(`${role}: ${message.cmd} failed: ${message.message}`)
      process.exit(1)
    }
    listeners.forEach((listener) => listener(message))
    const resolve = waiting.get(message.event)
    if (resolve != null) { waiting.delete(message.event); resolve(message) }
  })
  child.on('exit', (code) => { if (code !== 0 && !stopping) { console.error(`${role} exited with ${code}`); process.exit(1) } })
  return {
    child,
    next: (event) => new Promise((resolve) => waiting.set(event, resolve)),
    send: (command) => child.send(command),
    onMessage: (listener) => listeners.push(listener)
  }
}

async function coordinate (options) {
  const subscriberCount = options.subscribers ?? 3
  const messages = options.messages ?? 20000
  const size = options.size ?? 1024
  const rounds = options.rounds ?? 5
  const warmupRounds = options.warmupRounds ?? 1
  const window = options.window ?? 1000
  const every = Math.max(1, Math.min(50, Math.floor(window / 10)))

  const subscribers = []
  for (let i = 0; i < subscriberCount; i++) {
    const peer = spawnPeer(`subscriber-${i + 1}`)
    subscribers.push({ peer, ready: peer.next('ready'), count: 0 })
  }
  const publisher = spawnPeer('publisher')
  const publisherReady = await publisher.next('ready')
  const addrs = []
  for (const subscriber of subscribers) addrs.push((await subscriber.ready).addrs[0])
  void publisherReady

  let target = Infinity
  let done = null
  const progress = () => {
    const least = Math.min(...subscribers.map((s) => s.count))
    publisher.send({ cmd: 'acknowledged', count: least })
    if (least >= target && done != null) { const d = done; done = null; d(process.hrtime.bigint()) }
  }
  for (const subscriber of subscribers) {
    subscriber.peer.send({ cmd: 'report', every })
    subscriber.peer.onMessage((message) => {
      if (message.event === 'received') { subscriber.count = message.count; progress() }
    })
  }

  publisher.send({ cmd: 'dial', addrs })
  const dialed = await publisher.next('dialed')
  console.log(`publisher connected to ${subscriberCount} subscribers: ${dialed.mesh} in its mesh, ${dialed.subscribers} subscribed`)
  if (dialed.subscribers < subscriberCount) throw new Error('not every subscriber is known to the publisher')

  const maxOtherCores = options.maxOtherCores ?? Infinity
  const peers = [publisher, ...subscribers.map((s) => s.peer)]
  const peersCpuMicros = async () => {
    let micros = 0
    for (const peer of peers) {
      const reply = peer.next('cpu')
      peer.send({ cmd: 'cpu' })
      micros += (await reply).micros
    }
    const own = process.cpuUsage()
    return micros + own.user + own.system
  }

  const rates = []
  let peerCpuSeconds = 0
  let otherCpuSeconds = 0
  let measuredSeconds = 0
  let discarded = 0
  for (let round = -warmupRounds; round < rounds; round++) {
    const cpuBefore = await peersCpuMicros()
    const busyBefore = machineBusySeconds()
    const meterStart = process.hrtime.bigint()
    const before = Math.min(...subscribers.map((s) => s.count))
    target = before + messages
    const finished = new Promise((resolve) => { done = resolve })
    const publishedAll = publisher.next('publishedAll')
    const start = process.hrtime.bigint()
    publisher.send({ cmd: 'publish', messages, size, window })
    const timeout = setTimeout(() => {
      console.error(`round ${round} timed out: subscribers at ${subscribers.map((s) => s.count - before)} of ${messages}`)
      process.exit(1)
    }, 300000)
    const end = await finished
    clearTimeout(timeout)
    await publishedAll
    const seconds = Number(end - start) / 1e9
    const rate = messages / seconds
    const meterSeconds = Number(process.hrtime.bigint() - meterStart) / 1e9
    const peerCores = (await peersCpuMicros() - cpuBefore) / 1e6 / meterSeconds
    const otherCores = Math.max(0, (machineBusySeconds() - busyBefore) / meterSeconds - peerCores)
    const disturbed = round >= 0 && otherCores > maxOtherCores && discarded < 2 * rounds
    console.log(`${round < 0 ? 'warmup' : 'measured'} round ${round < 0 ? round + warmupRounds + 1 : round + 1}: ` +
      `${messages} messages of ${size} B to ${subscriberCount} subscribers in ${seconds.toFixed(3)} s = ${rate.toFixed(0)} msgs/s, ` +
      `peers ${peerCores.toFixed(2)} cores, other processes ${otherCores.toFixed(2)} cores` +
      (disturbed ? ' (disturbed: discarded, run again)' : ''))
    if (disturbed) {
      discarded++
      round--
      await new Promise((resolve) => setTimeout(resolve, 2000))
    } else if (round >= 0) {
      rates.push(rate)
      peerCpuSeconds += peerCores * meterSeconds
      otherCpuSeconds += otherCores * meterSeconds
      measuredSeconds += meterSeconds
    }
  }
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length
  const stdev = rates.length > 1 ? Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / (rates.length - 1)) : 0
  const sorted = [...rates].sort((a, b) => a - b)
  console.log(`${subscriberCount} subscribers, ${size} B: ${mean.toFixed(0)} ± ${stdev.toFixed(0)} msgs/s ` +
    `(min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}, n=${rates.length}); ` +
    `node ${process.version}, ${os.cpus().length} cores`)
  const cores = peerCpuSeconds / measuredSeconds
  const otherCores = otherCpuSeconds / measuredSeconds
  console.log(`peers used ${cores.toFixed(2)} cores, other processes ${otherCores.toFixed(2)} cores; ${discarded} disturbed rounds discarded`)
  console.log(`RESULT bench=gossip-js subscribers=${subscriberCount} size=${size} messages=${messages} ` +
    `mean=${mean.toFixed(1)} stdev=${stdev.toFixed(1)} min=${sorted[0].toFixed(1)} max=${sorted[sorted.length - 1].toFixed(1)} n=${rates.length} ` +
    `cores=${cores.toFixed(2)} otherCores=${otherCores.toFixed(2)} discarded=${discarded}`)

  stopping = true
  publisher.child.kill()
  subscribers.forEach((s) => s.peer.child.kill())
}

/** CPU time all processes have used since boot (Linux /proc/stat, in seconds), or 0 elsewhere. */
function machineBusySeconds () {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number)
    return (fields.reduce((a, b) => a + b, 0) - fields[3] - fields[4]) / 100
  } catch {
    return 0
  }
}
