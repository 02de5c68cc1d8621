/** The change-event feed of the caller's unit, and each record's case history. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../../http/caller.js'
import { IdParams, problems, ref } from '../../http/schemas.js'
import { Feed, FeedQuery, History } from './schemas.js'
import { readFeed, readHistory, type HistoryKind } from './service.js'

/** The records with a history: path, tag, the capability that reads them, and how the operation reads. */
const HISTORIES: { kind: HistoryKind; path: string; tag: string; capability: 'read_individual_data' | 'read_quality_reports'; name: string; label: string }[] = [
  { kind: 'application', path: 'applications', tag: 'Applications', capability: 'read_individual_data', name: 'Application', label: 'an application' },
  { kind: 'decision', path: 'decisions', tag: 'Decisions', capability: 'read_individual_data', name: 'Decision', label: 'a decision (with its execution)' },
  { kind: 'follow_up', path: 'follow-ups', tag: 'Follow-ups', capability: 'read_individual_data', name: 'FollowUp', label: 'a follow-up' },
  { kind: 'complaint', path: 'complaints', tag: 'Quality', capability: 'read_quality_reports', name: 'Complaint', label: 'a complaint' },
  { kind: 'deviation', path: 'deviations', tag: 'Quality', capability: 'read_quality_reports', name: 'Deviation', label: 'a deviation' },
  { kind: 'lex_sarah_report', path: 'lex-sarah-reports', tag: 'Quality', capability: 'read_quality_reports', name: 'LexSarahReport', label: 'a Lex Sarah report' }
]

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/events', {
    schema: {
      tags: ['Events'], operationId: 'listChangeEvents', summary: 'Read the change-event feed',
      description: [
        'The change events of the caller\'s unit, oldest first, as CloudEvents 1.0 JSON (thin: ids and states only).',
        'Poll with `after` set to the previous `nextCursor`: the feed is gap-free — an event of a transaction that commits later',
        'never sorts before a cursor already handed out, so a reader never misses one. Events about protected-identity persons need',
        'the protected_identity permission; statistics readers see only events that name no person; quality staff see quality',
        'reports and indicator values.'
      ].join(' '),
      querystring: FeedQuery,
      response: { 200: ref(Feed), ...problems(400, 403) }
    }
  }, async (request) => readFeed(app.db, callerOf(request), request.query))

  for (const h of HISTORIES) {
    app.get(`/${h.path}/:id/history`, {
      preValidation: app.requireCapability(h.capability),
      schema: {
        tags: [h.tag], operationId: `get${h.name}History`, summary: `Get the case history of ${h.label}`,
        description: 'Who changed the record when, and its states from → to: the record\'s change events, oldest first. Reading it is logged like reading the record.',
        params: IdParams,
        response: { 200: ref(History), ...problems(400, 403, 404) }
      }
    }, async (request) => readHistory(app.db, callerOf(request), h.kind, request.params.id))
  }
}

export default routes
