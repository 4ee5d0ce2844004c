import { parseDateParts } from '../profile/dates';
import type { DecisionInput } from './decide-application';
import { MAX_REQUESTED_DOCUMENTS, type DocumentRequestInput } from './request-documents';

/*
 * The back office's form bodies, read into use-case inputs. Nothing is judged here (the use
 * cases validate and answer with field errors); only the shape is taken from what was posted.
 */

type Body = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const body = (raw: unknown): Body => (raw && typeof raw === 'object' ? (raw as Body) : {});

export function documentRequestForm(raw: unknown): DocumentRequestInput {
  const b = body(raw);
  const items = Array.from({ length: MAX_REQUESTED_DOCUMENTS }, (_, i) => ({
    kind: str(b[`item-${i}-kind`]).slice(0, 64),
    reason: str(b[`item-${i}-reason`]).slice(0, 32),
    explanation: str(b[`item-${i}-explanation`]).slice(0, 2000),
  }));
  const parsed = parseDateParts({ day: str(b['dueOn-day']), month: str(b['dueOn-month']), year: str(b['dueOn-year']) });
  // An unreadable date reaches the use case as such and is refused there, with the other fields.
  return { items, dueOn: parsed.kind === 'date' ? parsed.iso : 'invalid' };
}

export function decisionForm(raw: unknown): DecisionInput | null {
  const b = body(raw);
  const outcome = str(b.outcome);
  if (outcome !== 'favourable' && outcome !== 'unfavourable') return null;
  return { outcome, grounds: strings(b.grounds).slice(0, 20).map((g) => g.slice(0, 64)), explanation: str(b.explanation).slice(0, 8000), withOqtf: str(b.withOqtf) === 'yes' };
}

/** What the decision form gets back when refused: the typed values, the checked grounds joined. */
export function decisionValues(raw: unknown): Record<string, string> {
  const b = body(raw);
  return { outcome: str(b.outcome).slice(0, 32), grounds: strings(b.grounds).slice(0, 20).join(','), explanation: str(b.explanation).slice(0, 4000), withOqtf: str(b.withOqtf) === 'yes' ? 'yes' : '' };
}
