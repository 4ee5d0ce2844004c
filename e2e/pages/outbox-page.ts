import type { Page } from 'playwright-core';
import { MailPage } from './mail-page';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/dev/outbox`: the messages Sésame kept instead of sending them (not in production). */
export class OutboxPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<OutboxPage> {
    await page.goto('/dev/outbox');
    return new OutboxPage(page);
  }

  /** Opens the newest e-mail to `to` (optionally with this subject); the list is newest first. */
  async openLatestMailTo(to: string, subject?: string): Promise<MailPage> {
    const name = new RegExp(`^${escapeRegExp(to)} — ${subject ? `${escapeRegExp(subject)}$` : ''}`);
    await this.page.getByRole('main').getByRole('link', { name }).first().click();
    await this.page.waitForURL(/\/dev\/outbox\/[0-9a-f-]{36}$/);
    return new MailPage(this.page);
  }
}
