import type { Locator, Page } from 'playwright-core';
import { chooseRadio } from './choose-radio';

/** `/demarches/nouvelle`: "Que dois-je déposer ?", first question, and the full list of procedures. */
export class NewApplicationPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<NewApplicationPage> {
    await page.goto('/demarches/nouvelle');
    return new NewApplicationPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Nouvelle démarche' });
  }

  /** Answers "Quels papiers avez-vous ?" with a French residence permit. */
  async holdAPermit(): Promise<void> {
    await chooseRadio(this.page.getByRole('main'), 'Un titre de séjour français (carte de séjour ou carte de résident)');
    await this.page.getByRole('main').getByRole('button', { name: 'Continuer' }).click();
    await this.page.waitForURL((url) => url.pathname === '/demarches/nouvelle/situation');
  }

  /** Starts a procedure straight from the list ("Choisir directement une démarche"); lands on its first step. */
  async startDirectly(procedureId: string): Promise<string> {
    // Each "Commencer" button sits next to (and is described by) its procedure's paragraph.
    const item = this.page.locator('#choisir li', { has: this.page.locator(`#procedure-${procedureId}`) });
    await item.getByRole('button', { name: 'Commencer', exact: true }).click();
    await this.page.waitForURL(/\/demarches\/[0-9a-f-]{36}\/etape\//);
    return applicationIdIn(this.page.url());
  }
}

export function applicationIdIn(url: string): string {
  const id = /\/demarches\/([0-9a-f-]{36})/.exec(url)?.[1];
  if (!id) throw new Error(`no application id in ${url}`);
  return id;
}
