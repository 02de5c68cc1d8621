/** A change event row as CloudEvents 1.0 JSON. */
import { cloudEventType, type EventSubjectType } from '../../domain/change-events.js'
import type { EventChanges } from '../../domain/change-events.js'
import type { ChangeEventRow } from './repository.js'

/** The record's path under /v1: what a consumer GETs for the details. */
function subjectPath(type: EventSubjectType, id: string, changes: EventChanges): string {
  switch (type) {
    case 'application': return `applications/${id}`
    case 'decision': return `decisions/${id}`
    case 'execution': return `decisions/${id}/execution`
    case 'follow_up': return `follow-ups/${id}`
    case 'complaint': return `complaints/${id}`
    case 'deviation': return `deviations/${id}`
    case 'lex_sarah_report': return `lex-sarah-reports/${id}`
    case 'indicator_value': return `indicators/${changes.related?.indicatorId ?? ''}/values/${id}`
    case 'person': return `persons/${id}`
    case 'order': return `orders/${id}`
    case 'discharge_episode': return `discharge-episodes/${id}`
  }
}

/**
 * `hidePerson`: whom a Lex Sarah report concerns is shown only to those who read its details;
 * the event then names no person.
 */
export function toCloudEvent(e: ChangeEventRow, options: { hidePerson?: (e: ChangeEventRow) => boolean } = {}) {
  const changes = e.changes as EventChanges
  return {
    specversion: '1.0' as const,
    id: e.id,
    source: `/v1/units/${e.unit_id}`,
    type: cloudEventType(e.type),
    subject: subjectPath(e.subject_type, e.subject_id, changes),
    time: e.occurred_at,
    datacontenttype: 'application/json' as const,
    data: {
      subjectType: e.subject_type,
      subjectId: e.subject_id,
      unitId: e.unit_id,
      personId: options.hidePerson?.(e) ? null : e.person_id,
      actor: e.actor,
      changes
    }
  }
}

export type CloudEvent = ReturnType<typeof toCloudEvent>
