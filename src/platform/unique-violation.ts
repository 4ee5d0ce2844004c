/**
 * True when a database error (possibly wrapped by drizzle) is a unique-constraint violation:
 * the last guard against two accounts ending up with the same address when two changes race.
 */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
