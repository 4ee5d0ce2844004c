import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { profiles, sessions, users } from '../db/schema';
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

export function createSessionStore(db: Db, clock: Clock, options: { idleMinutes: number; maxHours: number }): SessionStore {
  const idleMs = options.idleMinutes * 60_000;
  // Refresh "last seen" at most once a minute: a page view should not always cost a write.
  const touchEveryMs = 60_000;
  // Every request looks its session up, so the query is prepared once: drizzle does not rebuild
  // its SQL each time (that cost more CPU than the round trip) and PostgreSQL plans it once per
  // connection. The profile's given names come along, saving pages a second round trip to greet
  // the person. Explicit columns only: a prepared plan survives columns added by a migration.
  const findStatement = db
    .select({
      id: sessions.id,
      handle: sessions.handle,
      mfaPending: sessions.mfaPending,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      role: users.role,
      locale: users.locale,
      prefectureCode: users.prefectureCode,
      totpEnabledAt: users.totpEnabledAt,
      givenNames: profiles.givenNames,
      // Counted in the same round trip, over the partial index of unread notifications.
      unreadNotifications: sql<number>`(select count(*)::int from notifications n where n.user_id = ${users.id} and n.read_at is null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('session_find');
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
      const [row] = await findStatement.execute({ id: sha256(token), now: now.toISOString() });
      if (!row) return null;
      if (now.getTime() - row.lastSeenAt.getTime() > idleMs) {
        await db.delete(sessions).where(eq(sessions.id, row.id));
        return null;
      }
      if (now.getTime() - row.lastSeenAt.getTime() > touchEveryMs) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
      }
      return {
        id: row.id,
        handle: row.handle,
        mfaPending: row.mfaPending,
        user: {
          id: row.userId,
          // Only an account with an address can log in: sessions always have one.
          email: row.email ?? '',
          role: row.role,
          locale: row.locale,
          prefectureCode: row.prefectureCode,
          totpEnabled: row.totpEnabledAt !== null,
          givenNames: row.givenNames,
          unreadNotifications: Number(row.unreadNotifications),
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
