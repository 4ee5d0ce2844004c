import type { Locator, Page } from 'playwright-core';
import { chooseRadio } from './choose-radio';

/** `/demarches/nouvelle/situation`: the questions about the permit held (category, expiry, problems, changes). */
export class SituationDetailsPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Votre situation' });
  }

  /** The expiry boxes, filled from the profile. */
  expiryBox(part: 'day' | 'month' | 'year'): Locator {
    return this.page.locator(`#expires_on-${part}`);
  }

  /** A *salarié* card, not lost, no change since: the renewal case. Leaves the expiry as filled. */
  async answerSalarieNothingChanged(): Promise<void> {
    const main = this.page.getByRole('main');
    await chooseRadio(main.getByRole('group', { name: /catégorie de votre titre actuel/ }), 'Salarié');
    await chooseRadio(main.getByRole('group', { name: /perdu, volé ou abîmé/ }), 'Non');
    await chooseRadio(main.getByRole('group', { name: /déménagé ou changé de situation/ }), 'Non');
    await main.getByRole('button', { name: 'Voir la démarche conseillée' }).click();
    await this.page.waitForURL((url) => url.pathname === '/demarches/nouvelle/resultat');
  }
}
