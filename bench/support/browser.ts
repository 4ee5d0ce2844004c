/**
 * Just enough of a browser for setting up a benchmark: keeps cookies, reads the CSRF token of
 * a form, posts it back as the page would. Redirects are not followed, so the caller sees them.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** The `Cookie` header this browser would send now. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string): Promise<{ status: number; body: string; location: string | null }> {
    return this.request('GET', path);
  }

  /** Opens the form page at `path`, then posts `fields` with the form's CSRF token. */
  async submit(path: string, fields: Record<string, string>): Promise<{ status: number; body: string; location: string | null }> {
    const page = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token in the form at ${path} (status ${page.status})`);
    return this.request('POST', path, new URLSearchParams({ ...fields, _csrf: token }).toString());
  }

  private async request(method: string, path: string, form?: string) {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.baseUrl + path, { method, headers, body: form, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }
}
