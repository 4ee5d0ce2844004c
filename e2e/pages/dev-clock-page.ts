import type { Page } from 'playwright-core';

/** `/dev/horloge` (test servers only): moves the server's clock forward by whole days, or back to the real time. */
export class DevClockPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<DevClockPage> {
    await page.goto('/dev/horloge');
    return new DevClockPage(page);
  }

  async advance(days: number): Promise<void> {
    await this.page.getByLabel('Nombre de jours').fill(String(days));
    await this.page.getByRole('button', { name: "Avancer l'horloge" }).click();
    await this.page.locator('#server-time').filter({ hasText: 'en avance' }).waitFor();
  }

  async reset(): Promise<void> {
    await this.page.getByRole('button', { name: "Revenir à l'heure réelle" }).click();
    await this.page.locator('#server-time').filter({ hasText: "à l'heure réelle" }).waitFor();
  }
}
