import type { Locator, Page } from 'playwright-core';
import { SiteHeader } from './site-header';

/** `/`: the front door. */
export class HomePage {
  readonly header: SiteHeader;

  constructor(readonly page: Page) {
    this.header = new SiteHeader(page);
  }

  static async open(page: Page): Promise<HomePage> {
    await page.goto('/');
    return new HomePage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The one-off message shown after an action (e.g. "you are logged out"). */
  get notice(): Locator {
    return this.page.getByRole('status');
  }

  language(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }
}
