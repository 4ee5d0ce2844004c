import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/db/schema';
import type { TableRoute } from './route-table';
import type { Fixture, RouteSpec, Scope } from './spec';

/** What a cell must answer: the route's success, a list without the other scope's record, "not found", or "log in first". */
export type Expected = 'success' | 'hidden' | 'denied' | 'login';

/** A path or target with its `:name` parts filled from the record. */
export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${template}`);
    return encodeURIComponent(value);
  });
}

export function expectedFor(spec: RouteSpec, role: Role | 'anonymous', scope: Scope): Expected {
  if (role === 'anonymous') return 'login';
  if (!spec.roles.includes(role)) return 'denied';
  if (scope === 'own' || spec.national) return 'success';
  return spec.lists ? 'hidden' : 'denied';
}

/** Why the answer is not the expected one, or null when it is. */
export function problemWith(res: LightMyRequestResponse, route: TableRoute, spec: RouteSpec, expected: Expected, f: Fixture): string | null {
  const location = typeof res.headers.location === 'string' ? res.headers.location : '';
  const got = `${res.statusCode}${location ? ` → ${location}` : ''}${res.statusCode >= 400 || (res.statusCode === 200 && !location) ? ` ${squeeze(res.body)}` : ''}`;
  const marker = f.marker ?? '';
  switch (expected) {
    case 'login':
      if (route.method === 'GET' ? res.statusCode === 303 && location.startsWith('/connexion') : res.statusCode === 401) return null;
      return `expected the log-in page or 401, got ${got}`;
    case 'denied':
      return res.statusCode === 404 ? null : `expected 404, got ${got}`;
    case 'hidden':
      if (res.statusCode === 200 && !res.body.includes(marker)) return null;
      return res.statusCode === 200 ? `lists another scope's record (${marker})` : `expected 200 without the other scope's record, got ${got}`;
    case 'success':
      if (spec.to) {
        const target = fill(spec.to, { ...f.params, ...spec.params });
        return res.statusCode === 303 && location.startsWith(target) ? null : `expected 303 → ${target}…, got ${got}`;
      }
      if (res.statusCode !== 200) return `expected 200, got ${got}`;
      return spec.lists && !res.body.includes(marker) ? `does not list its own scope's record (${marker})` : null;
  }
}

export const squeeze = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 160);
