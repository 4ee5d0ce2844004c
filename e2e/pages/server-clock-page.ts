import { TZDate } from '@date-fns/tz';
import type { Locator, Page } from 'playwright-core';
import { fillDate, type DateParts } from './date-boxes';

/** `/dev/horloge`: the server's adjustable clock (only with ADJUSTABLE_CLOCK=true, never in production). */
export class ServerClockPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<ServerClockPage> {
    await page.goto('/dev/horloge');
    return new ServerClockPage(page);
  }

  /** "Date du serveur : … 76 jours avant la date réelle." */
  get serverDate(): Locator {
    return this.page.locator('#server-date');
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  /**
   * Puts the server at noon (Paris) on that day; the daily jobs run there. Returns how far ahead
   * of the real time the server now is (for what must match its time, such as a TOTP code).
   */
  async moveTo(date: DateParts): Promise<number> {
    await fillDate(this.page, 'date', date);
    await this.page.getByRole('main').getByRole('button', { name: 'Aller à cette date' }).click();
    const aheadMs = new TZDate(date.year, date.month - 1, date.day, 12, 0, 0, 'Europe/Paris').getTime() - Date.now();
    await this.notice.filter({ hasText: 'Le serveur est à la nouvelle date' }).waitFor();
    return aheadMs;
  }

  async backToRealDate(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Revenir à la date réelle' }).click();
    await this.notice.filter({ hasText: 'Le serveur est revenu à la date réelle' }).waitFor();
  }
}
