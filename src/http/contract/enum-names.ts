/**
 * Domain names for enumerations whose first owner and property would name them poorly (an
 * investigation method first met as `Application.method`, an appeal stage as `Decision.stage`).
 * Every other enumeration is named `<Owner><Property>` where it is first met.
 */
import { COURT_OUTCOMES, LATE_ACCEPTANCE_REASONS, NOTIFICATION_METHODS, RECONSIDERATION_OUTCOMES, APPEAL_STAGES } from '../../domain/appeal.js'
import { INVESTIGATION_METHODS } from '../../domain/application-process.js'
import { ANSWER_METHODS } from '../../domain/complaint-process.js'
import { END_REASONS, INTERRUPTION_REASONS, OFFER_ANSWERS, OFFER_RESPONSES } from '../../domain/execution.js'
import { DECIDING_ROLES } from '../../domain/roles.js'
import { nameEnum } from './shapes.js'

nameEnum('InvestigationMethod', INVESTIGATION_METHODS)
nameEnum('NotificationMethod', NOTIFICATION_METHODS)
nameEnum('AppealStage', APPEAL_STAGES)
nameEnum('LateAcceptanceReason', LATE_ACCEPTANCE_REASONS)
nameEnum('ReconsiderationOutcome', RECONSIDERATION_OUTCOMES)
nameEnum('CourtOutcome', COURT_OUTCOMES)
nameEnum('InterruptionReason', INTERRUPTION_REASONS)
nameEnum('OfferResponse', OFFER_RESPONSES)
nameEnum('OfferAnswer', OFFER_ANSWERS)
nameEnum('EndReason', END_REASONS)
nameEnum('AnswerMethod', ANSWER_METHODS)
nameEnum('DecidingRole', DECIDING_ROLES)
nameEnum('ProblemLocation', ['body', 'querystring', 'params', 'headers'])
nameEnum('Sex', ['female', 'male'])
nameEnum('KoladaGender', ['T', 'K', 'M'])
nameEnum('IdentityNumberKind', ['personnummer', 'samordningsnummer'])
nameEnum('RepresentativeKind', ['god_man', 'forvaltare', 'fullmakt', 'relative'])
nameEnum('LegalAct', ['social_services_act', 'national_transport_act', 'transport_services_act', 'dental_care_act'])
nameEnum('DecisionKind', ['assistance', 'fee_decision', 'permit', 'investigation_only'])
nameEnum('AssessmentPeriod', ['T1', 'T2', 'year'])
nameEnum('TrafficLight', ['green', 'yellow', 'red'])
nameEnum('IdentifierFormat', ['personnummer', 't_number'])
nameEnum('ParticipantRole', ['person', 'relative', 'representative', 'case_worker', 'primary_care', 'hospital_care', 'municipal_health_care', 'provider', 'interpreter', 'other'])
nameEnum('ChangeEventSubjectType', ['application', 'decision', 'execution', 'follow_up', 'complaint', 'deviation', 'lex_sarah_report', 'indicator_value', 'person', 'order', 'discharge_episode'])
nameEnum('TargetComparator', ['at_least', 'at_most'])
nameEnum('StatisticsRecipient', ['council', 'auditors'])
nameEnum('DeliveredTimeDeviation', ['within', 'below', 'above', 'not_reported'])
nameEnum('NotExecutedKind', ['not_executed', 'interrupted', 'reduced'])
nameEnum('NotExecutedStatus', ['waiting', 'executed', 'ended'])
nameEnum('NotExecutedEndReason', [...END_REASONS, 'decision_expired'])
