import type { Locator, Page } from 'playwright-core';
import { chooseRadio } from './choose-radio';

/** `/compte/partage`: the holder's share codes and the log of who checked their proofs. */
export class SharePage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<SharePage> {
    await page.goto('/compte/partage');
    return new SharePage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Partager mon droit au séjour' });
  }

  /** The code just created, shown once. */
  get createdCode(): Locator {
    return this.page.locator('#share-code');
  }

  /** The list under "Mes codes de partage". */
  get codes(): Locator {
    return this.page.locator('section[aria-labelledby="codes-heading"] li');
  }

  get checks(): Locator {
    return this.page.locator('#checks tbody tr');
  }

  /** Creates a code for a purpose ("Travail (employeur)"…) and gives it as shown. */
  async create(purpose: string): Promise<string> {
    const form = this.page.locator('section[aria-labelledby="create-heading"]');
    await chooseRadio(form.getByRole('group', { name: 'À quoi servira ce code ?' }), purpose);
    await form.getByRole('button', { name: 'Créer le code' }).click();
    await this.createdCode.waitFor();
    return (await this.createdCode.textContent())!.trim();
  }
}
