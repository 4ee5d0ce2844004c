import type { FastifyInstance } from 'fastify';

export interface TableRoute {
  method: string;
  path: string;
}

/**
 * Every route of the application, read from Fastify's own route tree (`printRoutes`): each
 * line is a node whose segment continues its parent's path; routes carry their methods. A route
 * added tomorrow is in this list without anyone listing it.
 */
export function routeTable(app: FastifyInstance): TableRoute[] {
  const stack: string[] = [];
  const routes: TableRoute[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3}| {4})*)(?:[├└]── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD' && x !== 'OPTIONS')) routes.push({ method, path });
  }
  return routes;
}
