/**
 * Audit subject of the office's internal actions on a file (assignment, notes, amendments
 * seen). Kept apart from `application`, the subject the applicant's history reads: what is
 * internal can never reach the person by mistake, while the office's own history reads both.
 */
export const OFFICE_SUBJECT = 'application_office';

/** Free text typed by an agent, made safe for a page, a letter and an e-mail: line breaks kept, control characters dropped, runs of spaces collapsed. */
export function cleanAgentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : c === '\t' ? ' ' : ''))
    .replace(/ {2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
