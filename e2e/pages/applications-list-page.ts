import type { Locator, Page } from 'playwright-core';

/** `/demarches`: "Mes démarches", one card per application. */
export class ApplicationsListPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<ApplicationsListPage> {
    await page.goto('/demarches');
    return new ApplicationsListPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Mes démarches' });
  }

  get cards(): Locator {
    return this.page.locator('#applications .fr-card');
  }

  /** The card of the application with this id. */
  card(applicationId: string): Locator {
    return this.page.locator(`#card-${applicationId}`);
  }

  /** The status badge of that card ("Déposée", "Retirée"…). */
  status(applicationId: string): Locator {
    return this.card(applicationId).locator('.fr-badge');
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: 'Nouvelle démarche' }).click();
    await this.page.waitForURL('/demarches/nouvelle');
  }
}
