import type { Role } from '../../src/db/schema';
import type { Actor } from '../../src/platform/audit';
import type { BuiltUser } from '../support/builders';
import type { FilePart } from '../support/multipart';
import type { TestContext } from '../support/harness';

/**
 * The vocabulary of the authorisation matrix. A cell is one request: a route, a role, and a
 * record of the role's own scope or of another (or no session at all).
 *
 * - For prefecture agents "own" is their prefecture (Paris, 75) and "other" another one
 *   (Marseille, 13). For the person, "own" is their own record and "other" someone else's.
 * - For the national roles (support desk, administrator) "other" is whatever lies outside what
 *   the route lets them reach: a request whose file they may not read, an account that is not
 *   an agent's… Where their remit really is national (every request, every agent), the route
 *   says `national` and the other scope's record must work for them too.
 */
export type Scope = 'own' | 'other';

/** Every role, in the order the report lists them. */
export const roles: readonly Role[] = ['applicant', 'case_officer', 'head_of_office', 'desk_agent', 'support_agent', 'admin'];

/**
 * The groups of roles the routes admit, written out here on purpose rather than imported from
 * `agent-roles.ts`: the matrix is the specification, and a change of the source's lists must
 * show up as a failing cell, not pass silently.
 */
export const office: readonly Role[] = ['case_officer', 'head_of_office', 'desk_agent'];
export const examine: readonly Role[] = ['case_officer', 'head_of_office'];
export const writeToPeople: readonly Role[] = ['case_officer', 'head_of_office'];
export const desk: readonly Role[] = ['desk_agent', 'head_of_office'];
export const headOfOffice: readonly Role[] = ['head_of_office'];
export const supportDesk: readonly Role[] = ['support_agent'];
export const incidentManagers: readonly Role[] = ['support_agent', 'admin'];
export const administrator: readonly Role[] = ['admin'];
export const person: readonly Role[] = ['applicant'];

/** A record built for one cell (or shared by the cells that cannot change it). */
export interface Fixture {
  /** Values of the route's parameters (`:id`, `:reference`…), also usable in `query` and `to`. */
  params: Record<string, string>;
  /** The person whose record it is, who can log in: the "applicant × own" cell is theirs. */
  owner?: BuiltUser;
  /** Text a list page shows when, and only when, it lists this record. */
  marker?: string;
}

/** Who sends the request (for forms that name the sender, such as "assign to me"). */
export interface Viewer {
  id: string;
  role: Role | 'anonymous';
}

/** What fixture builders share: the context and the actors the use cases need. */
export interface MatrixEnv {
  ctx: TestContext;
  /** Agents of each prefecture who build the records (they never log in). */
  prefecture: Record<'75' | '13', { officer: Actor; desk: Actor }>;
  support: Actor;
  admin: Actor;
  /** A hand-over slot of each prefecture with room for every booking the matrix makes. */
  slots: Record<'75' | '13', string>;
  /** A different client address for each use case that counts per address. */
  nextIp(): string;
}

export type FixtureBuilder = (env: MatrixEnv, scope: Scope) => Promise<Fixture>;

type Form = Record<string, string> | ((f: Fixture, viewer: Viewer) => Record<string, string>);

/** One route of the table: who may use it, on what, with which request, and what success is. */
export interface RouteSpec {
  /** The roles that succeed on a record of their own scope; everyone else gets "not found". */
  roles: readonly Role[];
  /** The roles' remit is national: a record of the other scope succeeds as well. */
  national?: boolean;
  /** The record the request is about (a builder of `fixtures/index.ts`); none: a page or form of the area itself. */
  on?: string;
  /** The route has no record of another scope to try (an area's own page, a creation form, a national record): one column only. */
  unscoped?: boolean;
  /** Values of parameters that are not a record's (`:action`), merged with the fixture's. */
  params?: Record<string, string>;
  /** Appended to the path, with `:name` filled from the fixture (a list filtered to the record). */
  query?: string;
  /** An urlencoded form (the anti-forgery token is added). */
  form?: Form;
  /** A multipart form (messages, scans): its fields and an optional file. */
  multipart?: (f: Fixture) => { fields: Record<string, string>; file?: FilePart };
  /** Success is 303 to this place (a prefix, `:name` filled from the fixture); without it, 200. */
  to?: string;
  /** A list: success is 200 showing the record's `marker`; on the other scope's record, 200 without it. */
  lists?: boolean;
}
