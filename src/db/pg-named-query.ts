import pg from 'pg';

/**
 * Runs a named statement on a `pg` pool or client, as a `pg.Query` built from its text. Given
 * `{ name, text, values }`, the driver first copies that object through its property descriptors
 * (`cloneQueryConfig`: 1.5–1.7 % of the CPU of the busiest pages, whose session lookup is named);
 * from a text it copies nothing, and the name, read only when the query is sent, is set after.
 *
 * A pool runs a `Query` as it runs a config (its own callback releases the connection) and
 * returns a promise, though typed as returning the `Query`; a client runs it and calls back. The
 * callback must not be given to the `Query` itself: the pool would not install its own, and the
 * connection would never come back (`test/platform/database-handles.test.ts`).
 */
export function pgNamedQuery(on: pg.Pool | pg.PoolClient, name: string, text: string, values: unknown[] | undefined): Promise<pg.QueryResult> {
  const query = new pg.Query(text, values);
  (query as pg.Query & { name: string }).name = name;
  if (on instanceof pg.Pool) return on.query(query) as unknown as Promise<pg.QueryResult>;
  return new Promise((resolve, reject) => {
    on.query(query as never, ((err: Error | undefined, result: pg.QueryResult) => (err ? reject(err) : resolve(result))) as never);
  });
}
