import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A browser without JavaScript, over `app.inject`: keeps cookies, and posts forms with the
 * anti-forgery token of the last page it loaded.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  lastCsrf: string | null = null;
  ip = '203.0.113.10';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.lastCsrf = token[1]!;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers }, remoteAddress: this.ip });
    this.remember(res);
    return res;
  }

  /** Posts a form as a browser would (urlencoded; a list is a field repeated, as ticked checkboxes), adding the CSRF token unless one is given. */
  async post(url: string, fields: Record<string, string | string[]> = {}, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const csrf = options.csrf === undefined ? this.lastCsrf : options.csrf;
    const form = new URLSearchParams(csrf ? { _csrf: csrf } : {});
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    const body = form.toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
      remoteAddress: this.ip,
    });
    this.remember(res);
    return res;
  }

  /** Loads the page (for its token), then posts the form to `action` (the page itself by default). */
  async submit(pageUrl: string, fields: Record<string, string>, action = pageUrl.split('?')[0]!): Promise<LightMyRequestResponse> {
    await this.get(pageUrl);
    return this.post(action, fields);
  }

  /** Follows one redirect, if any. */
  async follow(res: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = res.headers.location;
    if (!location || typeof location !== 'string') return res;
    return this.get(location);
  }
}
