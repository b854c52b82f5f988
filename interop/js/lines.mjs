// The JSON-lines protocol every interop script speaks with JsPeer.java: one command object per stdin line
// ({"cmd": name, ...fields}), one event object per stdout line ({"event": name, ...fields}). Any js error
// becomes an `error` event naming the command that failed, so the Java tests can assert on js's own text.
// Nothing else may write to stdout.
import { createInterface } from 'node:readline'

export const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n')

export const errorEvent = (cmd, error) => ({
  event: 'error',
  cmd,
  message: String(error?.message ?? error),
  ...(error?.name && error.name !== 'Error' ? { name: error.name } : {}),
  ...(error?.code ? { code: String(error.code) } : {})
})

/** Runs `commands` (name -> async (command) -> event) until `stop` or the end of stdin. */
export function serve (commands, stopNode) {
  const stop = async () => {
    await stopNode()
    emit({ event: 'stopped' })
    process.exit(0)
  }
  process.on('unhandledRejection', (error) => emit(errorEvent(null, error)))
  process.on('uncaughtException', (error) => emit(errorEvent(null, error)))
  createInterface({ input: process.stdin }).on('line', async (line) => {
    let command
    try {
      command = JSON.parse(line)
      if (command.cmd === 'stop') return await stop()
      const run = commands[command.cmd]
      if (!run) throw new Error(`unknown command '${command.cmd}'`)
      emit(await run(command))
    } catch (error) {
      emit(errorEvent(command?.cmd ?? null, error))
    }
  })
  process.stdin.on('end', stop)
}

export const base64 = (bytes) => Buffer.from(bytes ?? []).toString('base64')
export const fromBase64 = (text) => new Uint8Array(Buffer.from(text ?? '', 'base64'))
export const hex = (bytes) => Buffer.from(bytes).toString('hex')

/** A WakuMessage timestamp in nanoseconds (decimal string, as the events carry it) as the Date js-waku takes. */
export const dateFromNanos = (nanos) => new Date(Number(BigInt(nanos) / 1_000_000n))

// A received js-waku message as the Java tests read it; the hash function comes from the caller's folder
// (@waku/message-hash), since this shared file has no node_modules of its own.
export const messageEvent = (message, messageHash) => ({
  event: 'message',
  contentTopic: message.contentTopic,
  pubsubTopic: message.pubsubTopic,
  payload: base64(message.payload),
  timestamp: message.proto.timestamp?.toString() ?? null,
  meta: message.meta?.length ? base64(message.meta) : null,
  ephemeral: message.ephemeral,
  hash: hex(messageHash(message.pubsubTopic, message.proto))
})
