/**
 * What Sésame tells people about, and the text of each: a catalogue prefix with `.subject` and
 * `.body` (the same text in the app, the e-mail, the letter; the SMS carries the subject), and
 * the label of the link to follow. Use cases name the event; `notify` finds the text here.
 *
 * Params each event's text expects (all strings, already formatted in the person's language):
 * - application_filed: reference
 * - application_complete: reference
 * - documents_requested: reference, dueOn (the date the documents are asked for), items (one paragraph per document: what and why)
 * - attestation_issued: kind (`apri` | `adf` | …), reference, validFrom, validTo
 * - apri_blocked: reference, ground (translated), explanation
 * - apri_block_lifted: reference
 * - decision: reference, decision (`favourable` | `unfavourable`)
 * - appointment (invitation to book), appointment_booked, appointment_rescheduled: reference, prefecture, day, time (empty for the invitation)
 * - message_received: reference
 * - reply_overdue: reference, dueOn
 */
export const notificationEvents = {
  application_filed: { template: 'applications.mail_filed', actionKey: 'applications.mail_filed_action' },
  application_complete: { template: 'notifications.events.application_complete', actionKey: 'notifications.actions.see_file' },
  documents_requested: { template: 'backoffice.mail_documents_requested', actionKey: 'backoffice.mail_documents_action' },
  attestation_issued: { template: 'attestations.mail_issued', actionKey: 'attestations.mail_issued_action' },
  apri_blocked: { template: 'attestations.mail_apri_blocked', actionKey: 'attestations.mail_issued_action' },
  apri_block_lifted: { template: 'attestations.mail_apri_block_lifted', actionKey: 'attestations.mail_issued_action' },
  decision: { template: 'notifications.events.decision', actionKey: 'notifications.actions.see_file' },
  appointment: { template: 'appointments.mail_invite', actionKey: 'appointments.mail_action' },
  appointment_booked: { template: 'appointments.mail_booked', actionKey: 'appointments.mail_action' },
  appointment_rescheduled: { template: 'appointments.mail_rescheduled', actionKey: 'appointments.mail_action' },
  message_received: { template: 'notifications.events.message_received', actionKey: 'notifications.actions.read_message' },
  reply_overdue: { template: 'notifications.events.reply_overdue', actionKey: 'notifications.actions.answer' },
} as const satisfies Record<string, { template: string; actionKey: string }>;

export type NotificationEvent = keyof typeof notificationEvents;
export const isNotificationEvent = (v: string): v is NotificationEvent => Object.hasOwn(notificationEvents, v);
