import type { Locator, Page } from 'playwright-core';

/** `/demarches/<id>/pieces`: the documents an application needs, each with its upload form. */
export class PiecesPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, applicationId: string): Promise<PiecesPage> {
    await page.goto(`/demarches/${applicationId}/pieces`);
    return new PiecesPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Pièces justificatives' });
  }

  /** "2 pièces fournies sur 4." */
  get count(): Locator {
    return this.page.locator('#pieces-count');
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  /** The document kinds the page asks for, from the section ids (`piece-<kind>`). */
  async kinds(): Promise<string[]> {
    const ids = await this.page.locator('section[id^="piece-"]').evaluateAll((sections) => sections.map((s) => s.id));
    return ids.map((id) => id.slice('piece-'.length));
  }

  section(kind: string): Locator {
    return this.page.locator(`#piece-${kind}`);
  }

  /** The badge: "Fournie" or "Manquante". */
  state(kind: string): Locator {
    return this.section(kind).locator('.fr-badge');
  }

  /** The link to the document currently provided, named after its file. */
  currentFile(kind: string): Locator {
    return this.section(kind).locator('a.fr-link--download');
  }

  /**
   * Sends a file for one document (add or replace, whichever the form offers) and waits for the
   * page to show it. Without JavaScript the form posts and the page comes back; with it the
   * upload script sends it in the background and then loads the page again.
   */
  async upload(kind: string, filePath: string, fileName: string): Promise<void> {
    const form = this.page.locator(`#envoi-${kind}`);
    await form.locator('input[type="file"]').setInputFiles(filePath);
    await form.locator('button[type="submit"]').click();
    await this.currentFile(kind).filter({ hasText: fileName }).waitFor();
    await this.page.waitForLoadState('load');
  }

  async backToApplication(): Promise<void> {
    await this.page.getByRole('link', { name: 'Retour à la démarche' }).click();
    await this.page.waitForURL(/\/demarches\/[0-9a-f-]{36}$/);
  }
}
