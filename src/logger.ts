/**
 * pino options. Logs never carry a personnummer, a name or a token: request logs keep only the
 * method, the path without its query string and the request id (no headers, no bodies); the
 * redact paths are a second guard for anything that logs such fields by mistake.
 */
import type { FastifyServerOptions } from 'fastify'
import type { DestinationStream } from 'pino'

// A personnummer that a client put in a URL or a request id by mistake must not reach the log.
const IDENTITY_NUMBER = /(?<![0-9A-Za-z])(?:\d{8}|\d{6})[-+]?\d{4}(?![0-9A-Za-z])/g

export function mayHoldIdentityNumber(text: string): boolean {
  return text.search(IDENTITY_NUMBER) !== -1
}

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.personalIdentityNumber', '*.firstName', '*.lastName'],
      censor: '[redacted]'
    },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        method: req.method,
        path: (req.url.split('?')[0] ?? '').replace(IDENTITY_NUMBER, '[redacted]'),
        requestId: req.id
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode })
    }
  }
}
