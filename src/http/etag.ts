/** Row versions travel as strong ETags ("7"); If-Match is honoured on updates and actions. */
import type { FastifyReply, FastifyRequest } from 'fastify'

export const etagOf = (version: number): string => `"${version}"`

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version))
}

/** The version the caller expects, or undefined when no If-Match was sent (or it is '*'). */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header)
  // A value that cannot be one of our ETags can never match the current version.
  return match ? Number(match[1]) : -1
}
