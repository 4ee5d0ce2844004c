import type { Locator, Page } from 'playwright-core';
import { applicationIdIn } from './new-application-page';

/** `/demarches/nouvelle/resultat`: the advised procedure, why, and its start button. */
export class RecommendationPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'La démarche qui correspond à votre situation' });
  }

  /** The advised procedure's title. */
  get procedure(): Locator {
    return this.page.locator('#recommendation h2');
  }

  get reasons(): Locator {
    return this.page.locator('#reasons');
  }

  /** "Commencer cette démarche": creates the draft and opens its first step; returns its id. */
  async start(): Promise<string> {
    await this.page.getByRole('main').getByRole('button', { name: 'Commencer cette démarche' }).click();
    await this.page.waitForURL(/\/demarches\/[0-9a-f-]{36}\/etape\//);
    return applicationIdIn(this.page.url());
  }
}
