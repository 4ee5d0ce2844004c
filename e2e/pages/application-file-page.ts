import type { Locator, Page } from 'playwright-core';

/** `/demarches/<id>`: the file of one application (status, number, next step, answers, history). */
export class ApplicationFilePage {
  constructor(readonly page: Page) {}

  static async open(page: Page, applicationId: string): Promise<ApplicationFilePage> {
    await page.goto(`/demarches/${applicationId}`);
    return new ApplicationFilePage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  get status(): Locator {
    return this.page.locator('#file-status');
  }

  get reference(): Locator {
    return this.page.locator('#file-reference');
  }

  get history(): Locator {
    return this.page.locator('#application-history');
  }

  /** "Vos attestations": what will come and when, then each proof with its PDF. */
  get attestations(): Locator {
    return this.page.locator('section[aria-labelledby="attestations-heading"]');
  }

  /** The download link of an attestation, by its kind ("Attestation de dépôt"…). */
  attestationLink(kind: string): Locator {
    return this.attestations.getByRole('link', { name: kind, exact: true });
  }

  async goToDocuments(): Promise<void> {
    await this.page.locator('#file-actions').getByRole('link', { name: 'Ajouter ou remplacer des pièces' }).click();
    await this.page.waitForURL(/\/pieces$/);
  }

  async goToWithdraw(): Promise<void> {
    await this.page.locator('#file-actions').getByRole('link', { name: 'Retirer ma demande' }).click();
    await this.page.waitForURL(/\/retrait$/);
  }
}
