import type { Locator, Page } from 'playwright-core';

/** `/bureau/dossiers/<id>`: one file as the office sees it, with its actions. */
export class OfficeCasePage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get status(): Locator {
    return this.page.locator('#case-status');
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  get refusal(): Locator {
    return this.page.locator('#case-refusal');
  }

  get documents(): Locator {
    return this.page.locator('#case-documents');
  }

  get requests(): Locator {
    return this.page.locator('#case-requests');
  }

  get implicitRejection(): Locator {
    return this.page.locator('#case-implicit-rejection');
  }

  async takeFile(): Promise<void> {
    await this.page.getByRole('button', { name: 'Prendre ce dossier' }).click();
    await this.page.waitForLoadState('load');
  }

  async markComplete(): Promise<void> {
    await this.page.getByRole('button', { name: 'Déclarer le dossier complet' }).click();
    await this.page.waitForLoadState('load');
  }

  /** Opens the request form, asks for one document with its explanation and deadline, and sends it. */
  async requestDocument(request: { document: string; reason: 'pièce manquante' | 'pièce à corriger'; explanation: string; due: { day: string; month: string; year: string } }): Promise<void> {
    await this.page.getByRole('link', { name: 'Demander des pièces' }).click();
    await this.page.waitForURL(/\/demande-pieces$/);
    const first = this.page.getByRole('group', { name: 'Pièce 1', exact: true });
    await first.getByLabel('Pièce', { exact: true }).selectOption({ label: request.document });
    await first.getByLabel('Motif').selectOption({ label: request.reason });
    await first.getByLabel('Ce qui est attendu').fill(request.explanation);
    const due = this.page.getByRole('group', { name: /Date limite de réponse/ });
    await due.getByLabel('Jour').fill(request.due.day);
    await due.getByLabel('Mois').fill(request.due.month);
    await due.getByLabel('Année').fill(request.due.year);
    await this.page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await this.page.waitForURL(/\/bureau\/dossiers\/[0-9a-f-]{36}$/);
  }
}
