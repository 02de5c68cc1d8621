/**
 * Requests Node's HTTP parser rejects before Fastify sees them (headers too large, bad bytes in
 * the path, a bare LF, a malformed Transfer-Encoding) get a problem+json answer like every other
 * error, and `Connection: close`: the parser cannot tell where the next request would begin, so
 * the socket is closed after the answer.
 */
import type { Socket } from 'node:net'

const STATUS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408 }
const TITLES: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }
const DETAILS: Record<number, string> = {
  400: 'The request could not be parsed as HTTP/1.1.',
  408: 'The request was not received in time.',
  431: 'The request headers are too large.'
}

export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // Nothing to answer on a connection that is gone or already answering (ECONNRESET, …).
  if (error.code === 'ECONNRESET' || !socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy()
    return
  }
  const status = STATUS[error.code ?? ''] ?? 400
  const body = JSON.stringify({
    type: `https://bestallarenhet.stockholm.se/problems/${TITLES[status]!.toLowerCase().replaceAll(' ', '-')}`,
    title: TITLES[status], status, detail: DETAILS[status]
  })
  socket.end(`HTTP/1.1 ${status} ${TITLES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`)
}

/**
 * RFC 9112 §3.2: a request with more than one Host header is answered 400. Node keeps only the
 * first, so the raw headers are counted.
 */
export function hasDuplicateHost(rawHeaders: readonly string[]): boolean {
  let hosts = 0
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'host') hosts++
  return hosts > 1
}
