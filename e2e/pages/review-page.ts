import type { Locator, Page } from 'playwright-core';

/** `/demarches/<id>/verification`: everything answered, then "Déposer ma demande". */
export class ReviewPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Vérifiez votre demande avant de la déposer' });
  }

  /** Present only while something must still be completed. */
  get problems(): Locator {
    return this.page.locator('#review-problems');
  }

  /** Files the application; lands on its file page. */
  async file(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Déposer ma demande' }).click();
    await this.page.waitForURL(/\/demarches\/[0-9a-f-]{36}$/);
  }
}
