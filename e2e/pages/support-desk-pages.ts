import type { Locator, Page } from 'playwright-core';
import { chooseRadio } from './choose-radio';

/** `/support`: the national contact centre's queue. */
export class SupportQueuePage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<SupportQueuePage> {
    await page.goto('/support');
    return new SupportQueuePage(page);
  }

  async openRequest(reference: string): Promise<SupportCasePage> {
    await this.page.getByRole('main').getByRole('link', { name: reference }).click();
    await this.page.waitForURL((url) => url.pathname === `/support/demandes/${reference}`);
    return new SupportCasePage(this.page);
  }
}

/** `/support/demandes/<reference>`: one request, its account, and the actions under audit. */
export class SupportCasePage {
  constructor(readonly page: Page) {}

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  private field(name: string) {
    return this.page.locator(`main [name="${name}"]`);
  }

  /** Sends one form of the page and waits for the message it must come back with. */
  private async submit(form: string, button: string, expectedNotice: RegExp): Promise<void> {
    await this.page.locator(`main form[action$="/${form}"]`).getByRole('button', { name: button }).click();
    await this.page.getByRole('status').filter({ hasText: expectedNotice }).waitFor();
    await this.page.waitForLoadState('load');
  }

  /** The answers the person gave on the phone, and the document seen. */
  async checkIdentity(answers: { birthDate?: string; postcode?: string; foreignerNumber?: string }, document: string, reason: string): Promise<void> {
    if (answers.birthDate) await this.field('birth_date').fill(answers.birthDate);
    if (answers.postcode) await this.field('postcode').fill(answers.postcode);
    if (answers.foreignerNumber) await this.field('foreigner_number').fill(answers.foreignerNumber);
    await chooseRadio(this.page.getByRole('group', { name: "Pièce d'identité vue" }), document);
    await this.field('identityReason').fill(reason);
    await this.submit('identite', 'Enregistrer la vérification', /Vérification d'identité (réussie|échouée)/);
  }

  async changeEmail(newEmail: string, reason: string): Promise<void> {
    await this.field('newEmail').fill(newEmail);
    await this.field('emailReason').fill(reason);
    await this.submit('e-mail', 'Préparer le changement', /Changement d'adresse préparé/);
  }

  async reply(text: string, then: string): Promise<void> {
    await this.field('body').fill(text);
    await chooseRadio(this.page.getByRole('group', { name: 'Ensuite, la demande est' }), then);
    await this.submit('reponse', 'Envoyer la réponse', /La réponse est envoyée/);
  }
}
