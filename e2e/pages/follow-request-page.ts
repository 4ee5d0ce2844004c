import type { Locator, Page } from 'playwright-core';

/** A request's follow page (`/aide/suivi/<secret>` or `/compte/demandes/<reference>`). */
export class FollowRequestPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  async reference(): Promise<string> {
    const m = /AIDE-[2-9A-Z]{8}/.exec((await this.heading.textContent()) ?? '');
    if (!m) throw new Error('no reference in the heading');
    return m[0];
  }

  get thread(): Locator {
    return this.page.getByRole('region', { name: 'Échanges' });
  }
}
