-- The law in force (issue 15): the provisions the service cites, as dated data; under which
-- law and as what each service type is decided; the date a decision reached the applicant and
-- the rest of an appeal's course; the unit's communication policy.

-- A catalogue of cited provisions. `purpose` is what the service cites the provision for; the
-- provision in force on a date is the row whose [in_force_from, in_force_to] covers it. A row
-- whose numbering has not been checked against the act's text says so (`verified = false`) and
-- is corrected by an UPDATE in a later migration, never by changing code.
CREATE TABLE legal_provisions (
  purpose       text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_]{1,62}$'),
  law           text NOT NULL,
  sfs           text NOT NULL CHECK (sfs ~ '^[0-9]{4}:[0-9]{1,4}$'),
  chapter       text,
  sections      text NOT NULL,
  citation      text NOT NULL,
  title         text NOT NULL,
  in_force_from date NOT NULL,
  in_force_to   date,
  verified      boolean NOT NULL DEFAULT true,
  source        text NOT NULL,
  PRIMARY KEY (purpose, in_force_from),
  CHECK (in_force_to IS NULL OR in_force_to >= in_force_from)
);

INSERT INTO legal_provisions (purpose, law, sfs, chapter, sections, citation, title, in_force_from, in_force_to, verified, source) VALUES
  ('assistance', 'Socialtjänstlag', '2001:453', '4', '1 §', 'SoL (2001:453) 4 kap. 1 §', 'Rätten till bistånd', '2002-01-01', '2025-06-30', true,
   'SFS 2016:654 (senaste lydelse av 4 kap. 1 §)'),
  ('assistance', 'Socialtjänstlag', '2025:400', '11', '1 §', 'SoL (2025:400) 11 kap. 1 §', 'Rätten till insatser för personliga behov (bistånd efter individuell behovsprövning)', '2025-07-01', NULL, true,
   'SFS 2025:400 11 kap. 1 § (https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/sfs-2025-400): "En enskild som inte själv kan tillgodose sina personliga behov och inte heller kan få dem tillgodosedda på annat sätt har rätt att få insatser av socialnämnden för dessa behov." Prop. 2024/25:89; bet. 2024/25:SoU23.'),
  ('fee_decision', 'Socialtjänstlag', '2001:453', '8', '2 §', 'SoL (2001:453) 8 kap. 2 §', 'Avgifter för äldreomsorg', '2002-01-01', '2025-06-30', true,
   'SoL (2001:453)'),
  ('fee_decision', 'Socialtjänstlag', '2025:400', '32', '1 §', 'SoL (2025:400) 32 kap. 1 §', 'Avgifter för äldreomsorg (hemtjänst, dagverksamhet, särskilt boende)', '2025-07-01', NULL, true,
   'SFS 2025:400 32 kap. 1 § (https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/sfs-2025-400): "Kommunen får enligt grunder som kommunen bestämmer ta ut skäliga avgifter som inte överstiger kommunens självkostnader i följande fall: … 4. hemtjänst, 5. dagverksamhet, 6. sådan särskild boendeform för äldre personer …" (motsvarar SoL 2001:453 8 kap. 2 §; högsta avgift och förbehållsbelopp i 32 kap. 5–10 §§).'),
  ('not_executed_reporting', 'Socialtjänstlag', '2001:453', '16', '6 f–6 h §§', 'SoL (2001:453) 16 kap. 6 f–6 h §§', 'Rapportering av ej verkställda beslut till IVO', '2006-07-01', '2025-06-30', true,
   'SoL (2001:453); IVO, Ej verkställda beslut'),
  ('not_executed_reporting', 'Socialtjänstlag', '2025:400', '34', '1–3 §§', 'SoL (2025:400) 34 kap. 1–3 §§', 'Rapportering av ej verkställda beslut till IVO', '2025-07-01', NULL, true,
   'SFS 2025:400 34 kap. 1 § (https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/sfs-2025-400): "Om ett gynnande beslut enligt 11 kap. 1 § eller 12 kap. 1 § inte har verkställts inom tre månader från dagen för beslutet, ska socialnämnden rapportera det till Inspektionen för vård och omsorg och till de revisorer som avses i 3 kap. 10 § kommunallagen"; 2 § anmälan när beslutet har verkställts; 3 § statistikrapport till kommunfullmäktige (motsvarar SoL 2001:453 16 kap. 6 f–6 h §§).'),
  ('lex_sarah', 'Socialtjänstlag', '2001:453', '14', '3–7 §§', 'SoL (2001:453) 14 kap. 3–7 §§', 'Lex Sarah: rapportering, avhjälpande, utredning', '2011-07-01', '2025-06-30', true,
   'Prop. 2009/10:131; SoL (2001:453)'),
  ('lex_sarah', 'Socialtjänstlag', '2025:400', '27', '2–6 §§', 'SoL (2025:400) 27 kap. 2–6 §§', 'Lex Sarah: rapportering, avhjälpande, utredning', '2025-07-01', NULL, true,
   'SFS 2025:400 27 kap. (https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/sfs-2025-400): 2 § "Den som fullgör uppgifter inom socialtjänsten ska genast rapportera om han eller hon uppmärksammar eller får kännedom om ett missförhållande eller en påtaglig risk för ett missförhållande"; 3–4 §§ information; 5 § "ska genast dokumenteras och utredas samt avhjälpas eller undanröjas"; 6 § anmälan till IVO (motsvarar SoL 2001:453 14 kap. 3–7 §§).'),
  ('lex_sarah_ivo_notification', 'Socialtjänstlag', '2001:453', '14', '7 §', 'SoL (2001:453) 14 kap. 7 §', 'Anmälan av allvarligt missförhållande till IVO', '2011-07-01', '2025-06-30', true,
   'Prop. 2009/10:131; SoL (2001:453)'),
  ('lex_sarah_ivo_notification', 'Socialtjänstlag', '2025:400', '27', '6 §', 'SoL (2025:400) 27 kap. 6 §', 'Anmälan av allvarligt missförhållande till IVO', '2025-07-01', NULL, true,
   'SFS 2025:400 27 kap. 6 § (https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/sfs-2025-400): "Ett allvarligt missförhållande eller en påtaglig risk för ett allvarligt missförhållande ska snarast anmälas till Inspektionen för vård och omsorg." (motsvarar SoL 2001:453 14 kap. 7 §).'),
  ('appeal_right', 'Socialtjänstlag', '2001:453', '16', '3 §', 'SoL (2001:453) 16 kap. 3 §', 'Överklagande av beslut om bistånd', '2002-01-01', '2025-06-30', true,
   'SoL (2001:453)'),
  ('appeal_right', 'Socialtjänstlag', '2025:400', '35', '1 §', 'SoL (2025:400) 35 kap. 1 §', 'Överklagande av beslut om insatser (bistånd)', '2025-07-01', NULL, true,
   'SFS 2025:400 35 kap. 1 § (https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/sfs-2025-400): "Socialnämndens beslut får överklagas till allmän förvaltningsdomstol i fråga om 1. insatser enligt 11 kap. 1 § eller 12 kap. 1 §, …" (motsvarar SoL 2001:453 16 kap. 3 §).'),
  ('reconsideration', 'Förvaltningslag', '2017:900', NULL, '37–39 §§', 'FL (2017:900) 37–39 §§', 'Ändring och omprövning av beslut', '2018-07-01', NULL, true,
   'Förvaltningslag (2017:900); prop. 2016/17:180'),
  ('appeal_deadline', 'Förvaltningslag', '2017:900', NULL, '44 §', 'FL (2017:900) 44 §', 'Överklagande inom tre veckor från den dag klaganden fick del av beslutet', '2018-07-01', NULL, true,
   'Förvaltningslag (2017:900); prop. 2016/17:180'),
  ('appeal_late', 'Förvaltningslag', '2017:900', NULL, '45 §', 'FL (2017:900) 45 §', 'Rättidsprövning: ett för sent överklagande avvisas, utom vid felaktig överklagandehänvisning eller när det kommit in till överinstansen i tid', '2018-07-01', NULL, true,
   'Förvaltningslag (2017:900); prop. 2016/17:180'),
  ('appeal_forwarding', 'Förvaltningslag', '2017:900', NULL, '46 §', 'FL (2017:900) 46 §', 'Överlämnande av överklagandet till överinstansen (skyndsamt)', '2018-07-01', NULL, true,
   'Förvaltningslag (2017:900); prop. 2016/17:180'),
  ('national_transport', 'Lag om riksfärdtjänst', '1997:735', NULL, '4 §', 'Lag (1997:735) om riksfärdtjänst 4 §', 'Tillstånd till riksfärdtjänst', '1998-01-01', NULL, true,
   'Lag (1997:735) om riksfärdtjänst');

-- Under which law and as what a service type is decided. Only favourable decisions on bistånd
-- under the social services act are reported to IVO when not executed; transport services,
-- dental-care support the unit only investigates, and fee decisions are not.
ALTER TABLE service_types
  ADD COLUMN decided_under text NOT NULL DEFAULT 'social_services_act'
    CHECK (decided_under IN ('social_services_act', 'national_transport_act', 'transport_services_act', 'dental_care_act')),
  ADD COLUMN decided_as text NOT NULL DEFAULT 'assistance'
    CHECK (decided_as IN ('assistance', 'fee_decision', 'permit', 'investigation_only')),
  -- The catalogue purpose a decision of this type cites (legal_provisions.purpose); null: none.
  ADD COLUMN legal_provision_purpose text;

UPDATE service_types SET legal_provision_purpose = 'assistance';
UPDATE service_types SET decided_as = 'fee_decision', legal_provision_purpose = 'fee_decision' WHERE code = 'fee_reduction';
UPDATE service_types SET decided_under = 'national_transport_act', decided_as = 'permit', legal_provision_purpose = 'national_transport' WHERE code = 'national_transport';
UPDATE service_types SET decided_under = 'transport_services_act', decided_as = 'investigation_only', legal_provision_purpose = NULL WHERE code = 'transport_investigation';
UPDATE service_types SET decided_under = 'dental_care_act', decided_as = 'investigation_only', legal_provision_purpose = NULL WHERE code = 'dental_care_support';
-- Växelvård is a recurring stay in special housing: housing for the delegation order and the
-- joint case review (seeds 000/001).
UPDATE service_types SET housing = true, version = version + 1 WHERE code = 'respite_care';

-- The date the decision reached the applicant and how (delgivning/underrättelse): the
-- three-week appeal window (FL 44 §) runs from it.
ALTER TABLE decisions
  ADD COLUMN notified_date date,
  ADD COLUMN notification_method text CHECK (notification_method IN ('letter', 'e_service', 'in_person', 'service_of_process')),
  -- A late appeal is dismissed (FL 45 §) unless a reason to accept it is recorded.
  ADD COLUMN appeal_late_accepted_reason text CHECK (appeal_late_accepted_reason IN ('incorrect_appeal_information', 'reached_court_in_time')),
  ADD COLUMN appeal_dismissed_date date,
  -- The outcome before a reconsideration or a court changed it in the applicant's favour.
  ADD COLUMN original_outcome text CHECK (original_outcome IN ('granted', 'partially_granted', 'rejected')),
  ADD COLUMN original_hours_per_month numeric(7,2),
  -- The day the decision became executable in its present form: the decision date, or the
  -- date of the reconsideration or ruling that changed it. The IVO clock runs from this day.
  ADD COLUMN executable_from date,
  ADD CONSTRAINT decisions_notification_complete CHECK ((notified_date IS NULL) = (notification_method IS NULL));

-- Communication before a decision (kommunicering), per unit. Seeds 000/001: every non-urgent
-- investigation is communicated.
ALTER TABLE units
  ADD COLUMN communication_policy text NOT NULL DEFAULT 'every_non_urgent'
    CHECK (communication_policy IN ('every_non_urgent', 'housing_and_adverse'));

-- The worklist's appeals awaiting forwarding to court: few rows, found without reading the unit's decisions.
CREATE INDEX decisions_appeal_forwarding_idx ON decisions (unit_id, appeal_reconsidered_date)
  WHERE appeal_reconsidered_date IS NOT NULL AND appeal_forwarded_to_court_date IS NULL AND appeal_dismissed_date IS NULL;
