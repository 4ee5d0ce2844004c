import { randomUUID } from 'node:crypto';
import { simulatedExamples } from '../../src/modules/applications/fee-and-photo-check';
import { identityFields } from '../support/counter-builders';
import { formKey } from '../support/messaging-helpers';
import { samplePdf } from '../support/sample-files';
import type { FixtureKind } from './fixtures';
import { administrator, desk, examine, headOfOffice, incidentManagers, office, person, supportDesk, writeToPeople, type RouteSpec } from './spec';

/**
 * Who may use each route of the agents' side (every `/bureau…`, `/administration…` and
 * `/support…` route Fastify knows: one missing here fails the matrix) and the person's routes
 * that show what the office produced. One line per route: the roles that succeed on a record
 * of their own scope, the record (`on`, a builder of `fixtures/index.ts`), a valid request
 * (`query`, `form` or `multipart`) and what success is (`to`: 303 there; else 200; `lists`:
 * the record shows on the page). Anyone else gets "not found"; without a session, the log-in
 * page (a page) or 401 (a form). See `spec.ts` for what "own" and "other" mean per role.
 *
 * Adding a route is adding its line (the list pages show the file's reference).
 * A record of a new kind is one more builder in `fixtures/`, taking the scope.
 */
type Table = Record<string, RouteSpec & { on?: FixtureKind }>;

const back = '/bureau/dossiers/:id';
const message = () => ({ fields: { key: formKey(), body: 'Bonjour, pouvez-vous préciser ?' } });
const scan = () => ({ fields: { mode: 'replace' }, file: { fileName: 'passport.pdf', contentType: 'application/pdf', bytes: samplePdf({ text: 'scan' }) } });
const newEmail = () => `matrix-${randomUUID().slice(0, 8)}@example.org`;
const reason = 'La personne a appelé, identité vérifiée';

const documentRequest = {
  'item-0-kind': 'passport',
  'item-0-reason': 'corrected',
  'item-0-explanation': 'La page 2 est illisible : envoyez une copie nette.',
  'dueOn-day': '30',
  'dueOn-month': '4',
  'dueOn-year': '2026',
};

export const table: Table = {
  // The queue and the case view (modules/backoffice).
  'GET /bureau': { roles: office, on: 'queuedFile', query: '?officer=:officer', lists: true },
  'GET /bureau/dossiers/:id': { roles: office, on: 'file' },
  'GET /bureau/dossiers/:id/pieces/:documentId': { roles: office, on: 'file' },
  'GET /bureau/dossiers/:id/decision.pdf': { roles: office, on: 'grantedFile' },
  'POST /bureau/dossiers/:id/notes': { roles: office, on: 'file', form: { note: 'Pièce vue au guichet.' }, to: `${back}#case-notes` },
  'POST /bureau/dossiers/:id/modifications-vues': { roles: office, on: 'file', to: `${back}#case-amendments` },
  'POST /bureau/dossiers/:id/attribution': { roles: examine, on: 'file', form: (_f, viewer) => ({ officer: viewer.id }), to: back },
  'POST /bureau/dossiers/:id/complet': { roles: examine, on: 'file', to: back },
  'GET /bureau/dossiers/:id/demande-pieces': { roles: examine, on: 'file' },
  'POST /bureau/dossiers/:id/demande-pieces': { roles: examine, on: 'file', form: documentRequest, to: back },
  'GET /bureau/dossiers/:id/decision': { roles: examine, on: 'reviewedFile' },
  'POST /bureau/dossiers/:id/decision': { roles: examine, on: 'reviewedFile', form: { outcome: 'favourable' }, to: back },
  'GET /bureau/dossiers/:id/blocage-apri': { roles: examine, on: 'file' },
  'POST /bureau/dossiers/:id/blocage-apri': { roles: examine, on: 'file', form: { ground: 'fraud_suspected', explanation: 'Le passeport présente des signes de falsification.' }, to: back },
  'POST /bureau/dossiers/:id/blocage-apri/levee': { roles: examine, on: 'file', to: back },

  // The head of office's dashboard (modules/backoffice/dashboard): the list of files to reassign
  // is filtered to the record's officer, the export lists every open file of the prefecture.
  'GET /bureau/tableau-de-bord': { roles: headOfOffice, on: 'queuedFile', query: '?from=:officer', lists: true },
  'GET /bureau/tableau-de-bord/export.csv': { roles: headOfOffice, on: 'queuedFile', lists: true },
  'POST /bureau/tableau-de-bord/reattribution': { roles: headOfOffice, on: 'file', form: (f, viewer) => ({ files: f.params.id!, officer: viewer.id }), to: '/bureau/tableau-de-bord' },

  // Message threads (modules/messaging): the roles that write to people; desk agents do not.
  'GET /bureau/messages': { roles: writeToPeople, on: 'threadFile', lists: true },
  'GET /bureau/dossiers/:id/messages': { roles: writeToPeople, on: 'threadFile' },
  'POST /bureau/dossiers/:id/messages': { roles: writeToPeople, on: 'file', multipart: message, to: `${back}/messages#message-` },
  'GET /bureau/dossiers/:id/messages/pieces-jointes/:attachmentId': { roles: writeToPeople, on: 'threadFile' },

  // Card hand-overs (modules/appointments): every office role hands a card over; the desk and its head open slots.
  'GET /bureau/rendez-vous': { roles: office, on: 'bookedFile', query: '?jour=:day', lists: true },
  'POST /bureau/rendez-vous/creneaux': {
    roles: desk,
    unscoped: true,
    form: { 'day-day': '9', 'day-month': '4', 'day-year': '2026', from: '10:00', to: '', every: '15', capacity: '1' },
    to: '/bureau/rendez-vous?jour=2026-04-09',
  },
  'GET /bureau/dossiers/:id/rendez-vous': { roles: office, on: 'grantedFile' },
  'POST /bureau/dossiers/:id/rendez-vous/inviter': { roles: office, on: 'grantedFile', to: `${back}/rendez-vous` },
  'POST /bureau/dossiers/:id/rendez-vous/remise': { roles: office, on: 'grantedFile', to: `${back}/rendez-vous` },

  // The post room (modules/notifications): letters to print, e-mails that could not be delivered.
  'GET /bureau/courriers': { roles: office, on: 'letter', lists: true },
  'GET /bureau/courriers/:id.pdf': { roles: office, on: 'letter' },
  'POST /bureau/courriers/:id/imprime': { roles: office, on: 'letter', to: '/bureau/courriers' },
  'POST /bureau/courriers/echecs/:id': { roles: office, on: 'failedDelivery', to: '/bureau/courriers' },

  // A head of office's team (modules/agents): case officers and desk agents of their own prefecture.
  'GET /bureau/equipe': { roles: headOfOffice, on: 'agentAccount', lists: true },
  'POST /bureau/equipe/invitations': { roles: headOfOffice, unscoped: true, form: () => ({ email: newEmail(), role: 'case_officer' }), to: '/bureau/equipe' },
  'POST /bureau/equipe/invitations/:id/renvoyer': { roles: headOfOffice, on: 'invitation', to: '/bureau/equipe' },
  'POST /bureau/equipe/invitations/:id/retirer': { roles: headOfOffice, on: 'invitation', to: '/bureau/equipe' },
  'POST /bureau/equipe/:id/desactiver': { roles: headOfOffice, on: 'agentAccount', to: '/bureau/equipe' },
  'POST /bureau/equipe/:id/reactiver': { roles: headOfOffice, on: 'agentAccount', to: '/bureau/equipe' },

  // Filing at the counter (modules/counter), stage by stage.
  'GET /bureau/guichet': { roles: desk, on: 'counterOpened', lists: true },
  'GET /bureau/guichet/nouveau': { roles: desk, unscoped: true },
  'POST /bureau/guichet/nouveau': { roles: desk, unscoped: true, form: identityFields(), to: '/bureau/guichet/' },
  'GET /bureau/guichet/:id/demarche': { roles: desk, on: 'counterOpened' },
  'POST /bureau/guichet/:id/demarche': { roles: desk, on: 'counterOpened', form: { procedureId: 'renewal_salarie' }, to: '/bureau/guichet/:id/reponses' },
  'GET /bureau/guichet/:id/reponses': { roles: desk, on: 'counterDraft' },
  'POST /bureau/guichet/:id/reponses': { roles: desk, on: 'counterDraft', form: { same_employer: 'yes', timbre: simulatedExamples.timbre, ephoto: simulatedExamples.ephoto, action: 'continue' }, to: '/bureau/guichet/:id/pieces' },
  'GET /bureau/guichet/:id/pieces': { roles: desk, on: 'counterDraft' },
  'POST /bureau/guichet/:id/pieces/:kind': { roles: desk, on: 'counterDraft', multipart: scan, to: '/bureau/guichet/:id/pieces#piece-passport' },
  'GET /bureau/guichet/:id/verification': { roles: desk, on: 'counterDraft' },
  'POST /bureau/guichet/:id/deposer': { roles: desk, on: 'counterDraft', to: '/bureau/guichet/:id/recu' },
  'GET /bureau/guichet/:id/recu': { roles: desk, on: 'counterFiled' },
  'GET /bureau/guichet/:id/recu.pdf': { roles: desk, on: 'counterFiled' },
  'POST /bureau/guichet/:id/nouveau-code': { roles: desk, on: 'counterFiled', to: '/bureau/guichet/:id/recu' },
  'GET /bureau/guichet/:id/attestations/:publicId.pdf': { roles: desk, on: 'counterFiled' },

  // Requests for help routed to the prefecture (modules/support/office-routes): answered by the roles that write to people.
  'GET /bureau/signalements': { roles: writeToPeople, on: 'ticket', lists: true },
  'GET /bureau/signalements/:reference': { roles: writeToPeople, on: 'ticket' },
  'POST /bureau/signalements/:reference/reponse': { roles: writeToPeople, on: 'ticket', form: { body: 'Votre dossier est en cours d’examen.', then: 'in_progress' }, to: '/bureau/signalements/:reference' },
  'GET /bureau/signalements/:reference/reponse': { roles: writeToPeople, on: 'ticket', to: '/bureau/signalements/:reference' },
  'GET /bureau/signalements/:reference/pieces-jointes/:attachmentId': { roles: writeToPeople, on: 'ticket' },

  // The administrator (modules/agents): every agent of every prefecture, no person's account.
  'GET /administration': { roles: administrator, unscoped: true },
  'GET /administration/agents': { roles: administrator, on: 'anyAccount', lists: true },
  'POST /administration/agents/invitations': { roles: administrator, unscoped: true, form: () => ({ email: newEmail(), role: 'case_officer', prefectureCode: '13' }), to: '/administration/agents' },
  'POST /administration/agents/invitations/:id/renvoyer': { roles: administrator, national: true, on: 'invitation', to: '/administration/agents' },
  'POST /administration/agents/invitations/:id/retirer': { roles: administrator, national: true, on: 'invitation', to: '/administration/agents' },
  'POST /administration/agents/:id/desactiver': { roles: administrator, on: 'anyAccount', to: '/administration/agents' },
  'POST /administration/agents/:id/reactiver': { roles: administrator, on: 'anyAccount', to: '/administration/agents' },

  // The national support desk (modules/support/desk-routes): every request, wherever it was routed.
  'GET /support': { roles: supportDesk, national: true, on: 'ticket', lists: true },
  'GET /support/demandes/:reference': { roles: supportDesk, national: true, on: 'ticket' },
  'POST /support/demandes/:reference/prendre': { roles: supportDesk, national: true, on: 'ticket', to: '/support/demandes/:reference' },
  'POST /support/demandes/:reference/reponse': { roles: supportDesk, national: true, on: 'ticket', form: { body: 'Bonjour, c’est corrigé.', then: 'in_progress' }, to: '/support/demandes/:reference' },
  'POST /support/demandes/:reference/statut': { roles: supportDesk, national: true, on: 'ticket', form: { status: 'resolved' }, to: '/support/demandes/:reference' },
  'POST /support/demandes/:reference/identite': {
    roles: supportDesk,
    national: true,
    on: 'ticket',
    form: { birth_date: '12/04/1990', permit_number: 'FR7654321', documentKind: 'passport', identityReason: reason },
    to: '/support/demandes/:reference',
  },
  'POST /support/demandes/:reference/e-mail': { roles: supportDesk, national: true, on: 'ticket', form: () => ({ newEmail: newEmail(), emailReason: reason }), to: '/support/demandes/:reference' },
  'POST /support/demandes/:reference/confirmation': { roles: supportDesk, national: true, on: 'ticket', form: { confirmationReason: reason }, to: '/support/demandes/:reference' },
  'POST /support/demandes/:reference/deverrouiller': { roles: supportDesk, national: true, on: 'ticket', form: { unlockReason: reason }, to: '/support/demandes/:reference' },
  'POST /support/demandes/:reference/compte': { roles: supportDesk, national: true, on: 'ticket', form: (f) => ({ accountEmail: f.params.email!, linkReason: reason }), to: '/support/demandes/:reference' },
  'POST /support/demandes/:reference/orienter': { roles: supportDesk, national: true, on: 'ticket', form: { prefectureCode: '69', routeReason: 'La personne habite Lyon depuis mars' }, to: '/support/demandes/:reference' },
  'GET /support/demandes/:reference/:action': { roles: supportDesk, national: true, on: 'ticket', params: { action: 'reponse' }, to: '/support/demandes/:reference' },
  // A file's documents: only through an open request that needs them, linked by the file's applicant.
  'GET /support/demandes/:reference/pieces': { roles: supportDesk, on: 'documentsTicket' },
  'GET /support/demandes/:reference/pieces/:documentId': { roles: supportDesk, on: 'documentsTicket' },
  'GET /support/demandes/:reference/pieces-jointes/:attachmentId': { roles: supportDesk, national: true, on: 'ticket' },
  // Incidents of the status page: national records, no other scope.
  'GET /support/incidents': { roles: incidentManagers, unscoped: true, on: 'incident', lists: true },
  'POST /support/incidents': {
    roles: incidentManagers,
    unscoped: true,
    form: { title: 'Lenteurs', component: 'website', impact: 'minor', firstMessage: 'Les pages sont lentes.' },
    to: '/support/incidents',
  },
  'GET /support/incidents/:id': { roles: incidentManagers, unscoped: true, on: 'incident' },
  'POST /support/incidents/:id': { roles: incidentManagers, unscoped: true, on: 'incident', form: { status: 'monitoring', message: 'Corrigé, sous surveillance.' }, to: '/support/incidents' },

  // The person's side of what the office produced: their own file's letter, hand-over, thread, attestations, requests.
  'GET /demarches/:id/decision.pdf': { roles: person, on: 'grantedFile' },
  'GET /demarches/:id/rendez-vous': { roles: person, on: 'invitedFile' },
  'POST /demarches/:id/rendez-vous': { roles: person, on: 'invitedFile', form: (f) => ({ slotId: f.params.slotId! }), to: '/demarches/:id/rendez-vous' },
  'GET /demarches/:id/messages': { roles: person, on: 'threadFile' },
  'POST /demarches/:id/messages': { roles: person, on: 'file', multipart: message, to: '/demarches/:id/messages#message-' },
  'GET /demarches/:id/messages/pieces-jointes/:attachmentId': { roles: person, on: 'threadFile' },
  'GET /attestations/:publicId.pdf': { roles: person, on: 'receiptFile' },
  'GET /compte/demandes/:reference': { roles: person, on: 'ownTicket' },
  'POST /compte/demandes/:reference/reponse': { roles: person, on: 'ownTicket', multipart: () => ({ fields: { body: 'Merci pour votre réponse.' } }), to: '/compte/demandes/:reference#fil-titre' },
  // A counter file claimed with the code of its receipt: the code is the key, there is no other scope.
  'GET /demarches/rattacher': { roles: person, unscoped: true },
  'POST /demarches/rattacher': {
    roles: person,
    unscoped: true,
    on: 'claimableFiling',
    form: (f) => ({ code: f.params.code!, 'birthDate-day': f.params['birthDate-day']!, 'birthDate-month': f.params['birthDate-month']!, 'birthDate-year': f.params['birthDate-year']! }),
    to: '/demarches/:applicationId',
  },
};

/** The agents' areas: every route under them must be in the table. */
const agentAreas = ['/bureau', '/administration', '/support'];
export const isAgentRoute = (path: string) => agentAreas.some((area) => path === area || path.startsWith(`${area}/`));
