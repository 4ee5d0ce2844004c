import type { Locator, Page } from 'playwright-core';

/** `/bureau/tableau-de-bord`: the head of office's figures, deadlines missed and reassignment. */
export class OfficeDashboardPage {
  constructor(readonly page: Page) {}

  /** Through the back office's navigation, as the head of office gets there. */
  static async reachFrom(page: Page): Promise<OfficeDashboardPage> {
    await page.locator('#office-nav').getByRole('link', { name: 'Tableau de bord' }).click();
    await page.waitForURL((url) => url.pathname === '/bureau/tableau-de-bord');
    return new OfficeDashboardPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get overdueThreads(): Locator {
    return this.page.locator('#overdue-threads');
  }

  overdueThread(applicationId: string): Locator {
    return this.page.locator(`#overdue-thread-${applicationId}`);
  }
}
