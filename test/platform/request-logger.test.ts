import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ManualClock } from '../../src/platform/clock';
import { createLogger } from '../../src/platform/logger';
import { requestLogger } from '../../src/platform/http/request-logger';
import { createServices, type Services } from '../../src/services';
import { openTestDatabase } from '../support/template-db';

/** Lines written by a logger, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('request logger', () => {
  let app: FastifyInstance;
  let services: Services;
  const out = capture();
  beforeAll(async () => {
    const database = await openTestDatabase(process.env.TEST_DATABASE_URL, inject('template'));
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', PUBLIC_URL: 'http://sesame.test' });
    services = createServices({ config, database, clock: new ManualClock(), logger: createLogger('warn', out.stream) });
    app = await createApp(services);
    app.get('/test/journal', async (req) => {
      req.log.info({ step: 'below the level' }, 'not written');
      req.log.warn({ step: 'at the level' }, 'written');
      req.log.child({ part: 'inner' }).error('from a child');
      return 'ok';
    });
    app.get('/test/panne', async () => {
      throw new Error('boom');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await services.close();
  });

  it('writes the lines the level lets through, each with the request id the response carries', async () => {
    out.lines.length = 0;
    const res = await app.inject({ url: '/test/journal' });
    const id = res.headers['x-request-id'];
    expect(typeof id).toBe('string');
    expect(out.lines.map((l) => l.msg)).toEqual(['written', 'from a child']);
    expect(out.lines[0]).toMatchObject({ level: 40, reqId: id, step: 'at the level' });
    expect(out.lines[1]).toMatchObject({ level: 50, reqId: id, part: 'inner' });
  });

  it('logs an unexpected error with its request id', async () => {
    out.lines.length = 0;
    const res = await app.inject({ url: '/test/panne' });
    expect(res.statusCode).toBe(500);
    const line = out.lines.find((l) => l.msg === 'unexpected error');
    expect(line).toMatchObject({ level: 50, reqId: res.headers['x-request-id'] });
  });

  it('makes no child for a request that writes nothing, and the same child for all its lines', () => {
    const parent = createLogger('warn', capture().stream);
    let made = 0;
    const child = parent.child.bind(parent);
    parent.child = ((...args: Parameters<typeof child>) => (made++, child(...args))) as typeof parent.child;
    const log = requestLogger(parent, { reqId: 'r1' }, {});
    log.info('below the level');
    log.debug('below the level');
    expect(made).toBe(0);
    log.warn('one');
    log.error('two');
    expect(made).toBe(1);
    expect(log.level).toBe('warn');
  });

  it('honours a level set on the request logger, and a route level given as an option', () => {
    const out2 = capture();
    const parent = createLogger('warn', out2.stream);
    const log = requestLogger(parent, { reqId: 'r2' }, {});
    log.level = 'debug';
    log.debug('now written');
    const routeLevel = requestLogger(parent, { reqId: 'r3' }, { level: 'info' });
    routeLevel.info('route level');
    routeLevel.debug('still below');
    expect(out2.lines.map((l) => [l.reqId, l.msg])).toEqual([
      ['r2', 'now written'],
      ['r3', 'route level'],
    ]);
  });
});
