/**
 * Draining on shutdown. Fastify's close() stops accepting connections and answers new requests
 * 503, but a keep-alive connection whose request was already running stays open after its
 * response until the keep-alive timeout, so close() — and SIGTERM — would wait out the grace
 * period and exit 1. While closing, every response therefore ends its connection.
 */
import fp from 'fastify-plugin'

export default fp(async (app) => {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing && reply.request.raw.httpVersionMajor < 2) reply.header('connection', 'close')
    return payload
  })
}, { name: 'drain' })
