import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormValues } from '../../web/components/forms';
import { formValues } from './forms';
import { cookieOptions, safeReturnPath } from './request-context';

/**
 * When a session expires while a form is being filled in, what the person typed must survive
 * the detour through the login page. The login page carries the values (never passwords) in a
 * hidden field; after login they travel in a short-lived cookie to the form's page, which shows
 * them instead of the saved ones. Nothing is written to the database until the person submits.
 */
export const DRAFT_COOKIE = 'sesame_draft';
/** Big enough for any of our forms; a cookie must stay under 4 KB. */
const MAX_DRAFT_LENGTH = 3000;
const DRAFT_MINUTES = 10;

export interface PendingDraft {
  path: string;
  values: FormValues;
}

/** The page to come back to after login: where the form was (Referer), else the URL posted to. */
export function formPagePath(req: FastifyRequest, publicUrl: string): string {
  const referer = req.headers.referer;
  if (referer) {
    try {
      const u = new URL(referer);
      const base = new URL(publicUrl);
      if (u.host === (req.headers.host ?? base.host)) return safeReturnPath(u.pathname + u.search, req.url);
    } catch {
      // A malformed Referer is ignored.
    }
  }
  return safeReturnPath(req.url);
}

/** The typed values of a rejected post, as JSON for the login page's hidden field (or null). */
export function draftFromBody(body: unknown): string | null {
  const values = formValues(body);
  if (Object.keys(values).length === 0) return null;
  const json = JSON.stringify(values);
  return json.length <= MAX_DRAFT_LENGTH ? json : null;
}

/** Reads back the hidden field: an object of short strings, or nothing. */
export function parseDraft(raw: unknown): FormValues | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_DRAFT_LENGTH) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const entries = Object.entries(value as Record<string, unknown>).filter(([k, v]) => typeof v === 'string' && k !== '_csrf' && !k.toLowerCase().includes('password'));
    return entries.length > 0 ? (Object.fromEntries(entries) as FormValues) : null;
  } catch {
    return null;
  }
}

export function keepDraftForAfterLogin(reply: FastifyReply, path: string, values: FormValues, secure: boolean): void {
  const payload = Buffer.from(JSON.stringify({ path, values } satisfies PendingDraft)).toString('base64url');
  reply.setCookie(DRAFT_COOKIE, payload, { ...cookieOptions(secure), maxAge: DRAFT_MINUTES * 60 });
}

/** The draft waiting for this page, if any; it is used once. */
export function takeDraft(req: FastifyRequest, reply: FastifyReply, secure: boolean): FormValues | null {
  const raw = req.cookies[DRAFT_COOKIE];
  if (!raw || req.method !== 'GET') return null;
  try {
    const draft = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PendingDraft;
    if (draft.path !== req.url) return null;
    reply.clearCookie(DRAFT_COOKIE, { ...cookieOptions(secure) });
    return parseDraft(JSON.stringify(draft.values));
  } catch {
    reply.clearCookie(DRAFT_COOKIE, { ...cookieOptions(secure) });
    return null;
  }
}
