import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Db, RawSql } from '../db/client';
import { sessions } from '../db/schema';
import type { Clock } from './clock';
import { randomToken, sha256 } from './tokens';

export const SESSION_COOKIE = 'sesame_session';

export interface SessionUser {
  id: string;
  email: string;
  role: string;
  locale: string;
  prefectureCode: string | null;
  totpEnabled: boolean;
  /** From the profile, to greet the person by name; null until they give it. */
  givenNames: string | null;
  /** Notifications not read yet, for the header (`modules/notifications`). */
  unreadNotifications: number;
}

export interface CurrentSession {
  id: string;
  handle: string;
  mfaPending: boolean;
  user: SessionUser;
}

export interface SessionStore {
  /** Opens a session and returns the cookie token (only its hash is stored). */
  create(tx: Db, userId: string, meta: { mfaPending: boolean; userAgent?: string | undefined; ip?: string | undefined }): Promise<string>;
  find(token: string): Promise<CurrentSession | null>;
  /**
   * Ends a session waiting for its second factor and opens a full one in its place, for the same
   * person and device, and returns the new cookie token: a token seen before the second factor
   * (session fixation) opens nothing afterwards. Null if the waiting session is gone or expired.
   * Inside the caller's transaction, so that the rotation and the audit event commit together.
   */
  completeMfa(tx: Db, sessionId: string): Promise<string | null>;
  destroy(sessionId: string): Promise<void>;
  /** Ends every session of a person but, optionally, the current one. */
  destroyAllFor(tx: Db, userId: string, exceptSessionId?: string): Promise<void>;
  list(userId: string): Promise<{ handle: string; userAgent: string | null; ip: string | null; createdAt: Date; lastSeenAt: Date }[]>;
  destroyByHandle(userId: string, handle: string): Promise<boolean>;
}

const FIND_SESSION = `select json_build_object(
         'id', s.id, 'handle', s.handle, 'mfa_pending', s.mfa_pending, 'last_seen_ms', (extract(epoch from s.last_seen_at) * 1000)::float8,
         'user_id', u.id, 'email', u.email, 'role', u.role, 'locale', u.locale, 'prefecture_code', u.prefecture_code,
         'totp_enabled', u.totp_enabled_at is not null, 'given_names', p.given_names,
         -- Counted in the same round trip, over the partial index of unread notifications.
         'unread_notifications', (select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null)
       ) as session
from sessions s
join users u on u.id = s.user_id
left join profiles p on p.user_id = u.id
where s.id = $1 and s.expires_at > $2`;

interface FoundSessionRow {
  id: string;
  handle: string;
  mfa_pending: boolean;
  last_seen_ms: number;
  user_id: string;
  email: string | null;
  role: string;
  locale: string;
  prefecture_code: string | null;
  totp_enabled: boolean;
  given_names: string | null;
  unread_notifications: number;
}

export function createSessionStore(db: Db, raw: RawSql, clock: Clock, options: { idleMinutes: number; maxHours: number }): SessionStore {
  const idleMs = options.idleMinutes * 60_000;
  // Refresh "last seen" at most once a minute: a page view should not always cost a write.
  const touchEveryMs = 60_000;
  // Every request looks its session up: one prepared statement, parsed and planned once per
  // connection, its row read as it comes (drizzle's query building and row mapping were a
  // measurable share of the busiest page's CPU). The profile's given names and the unread count
  // come along, saving pages a second round trip. Explicit columns only: a prepared plan
  // survives columns added by a migration. "Last seen" comes as milliseconds, not a timestamp
  // to parse into a Date. The row is one JSON column: the driver describes, and picks a parser
  // for, every column of every result, and for twelve columns that cost more client CPU than
  // one JSON.parse (measured: about 60 against 48 µs per lookup, with the round trip).
  const insertSession = async (tx: Db, userId: string, row: { mfaPending: boolean; userAgent: string | null; ip: string | null }): Promise<string> => {
    const token = randomToken();
    const now = clock.now();
    await tx.insert(sessions).values({
      id: sha256(token),
      userId,
      mfaPending: row.mfaPending,
      userAgent: row.userAgent,
      ip: row.ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + options.maxHours * 3_600_000),
    });
    return token;
  };
  return {
    async create(tx, userId, meta) {
      return insertSession(tx, userId, { mfaPending: meta.mfaPending, userAgent: meta.userAgent?.slice(0, 300) ?? null, ip: meta.ip ?? null });
    },
    async find(token) {
      if (!token || token.length > 100) return null;
      const now = clock.now();
      const { rows } = await raw.query<{ session: FoundSessionRow }>(FIND_SESSION, [sha256(token), now.toISOString()], { name: 'session_find_json' });
      const row = rows[0]?.session;
      if (!row) return null;
      const idle = now.getTime() - Number(row.last_seen_ms);
      if (idle > idleMs) {
        await db.delete(sessions).where(eq(sessions.id, row.id));
        return null;
      }
      if (idle > touchEveryMs) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
      }
      return {
        id: row.id,
        handle: row.handle,
        mfaPending: row.mfa_pending,
        user: {
          id: row.user_id,
          // Only an account with an address can log in: sessions always have one.
          email: row.email ?? '',
          role: row.role,
          locale: row.locale,
          prefectureCode: row.prefecture_code,
          totpEnabled: row.totp_enabled,
          givenNames: row.given_names,
          unreadNotifications: Number(row.unread_notifications),
        },
      };
    },
    async completeMfa(tx, sessionId) {
      // Deleting first locks the row: of two requests rotating the same session, one only gets it.
      const [pending] = await tx
        .delete(sessions)
        .where(and(eq(sessions.id, sessionId), eq(sessions.mfaPending, true), gt(sessions.expiresAt, clock.now())))
        .returning({ userId: sessions.userId, userAgent: sessions.userAgent, ip: sessions.ip });
      if (!pending) return null;
      return insertSession(tx, pending.userId, { mfaPending: false, userAgent: pending.userAgent, ip: pending.ip });
    },
    async destroy(sessionId) {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },
    async destroyAllFor(tx, userId, exceptSessionId) {
      await tx
        .delete(sessions)
        .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
    },
    async list(userId) {
      return db
        .select({ handle: sessions.handle, userAgent: sessions.userAgent, ip: sessions.ip, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, clock.now())))
        .orderBy(desc(sessions.lastSeenAt));
    },
    async destroyByHandle(userId, handle) {
      const deleted = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessions.handle, handle)))
        .returning({ id: sessions.id });
      return deleted.length > 0;
    },
  };
}
