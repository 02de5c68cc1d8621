/** Runs the webhook dispatcher while the app runs (WEBHOOK_DISPATCH): started when ready, stopped — deliveries under way finished — on close. */
import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../../config.js'
import { startDispatcher, type Dispatcher } from './dispatcher.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The running dispatcher, when this instance dispatches. */
    webhookDispatcher: Dispatcher | undefined
  }
}

const dispatchPlugin: FastifyPluginAsync<{ webhooks: Config['webhooks'] }> = async (app, { webhooks }) => {
  app.decorate('webhookDispatcher', undefined)
  if (!webhooks.dispatch) return
  app.addHook('onReady', async () => {
    app.webhookDispatcher = startDispatcher(app.db, webhooks, app.log)
  })
  app.addHook('onClose', async () => {
    await app.webhookDispatcher?.stop()
  })
}

export default dispatchPlugin
