import type { Locator, Page } from 'playwright-core';
import { chooseRadio } from './choose-radio';
import { fillDate, type DateParts } from './date-boxes';

/** `/bureau/guichet`: the counter's start page. */
export class CounterHomePage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<CounterHomePage> {
    await page.goto('/bureau/guichet');
    return new CounterHomePage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Guichet : dépôt pour une personne' });
  }

  async startFiling(): Promise<CounterIdentityPage> {
    await this.page.getByRole('link', { name: 'Nouveau dépôt au guichet' }).click();
    await this.page.waitForURL('/bureau/guichet/nouveau');
    return new CounterIdentityPage(this.page);
  }
}

export interface PersonAtTheDesk {
  document: string;
  documentNumber: string;
  surname: string;
  givenNames: string;
  birthDate: DateParts;
  nationality: string;
  addressLine: string;
  postcode: string;
  town: string;
  permitNumber: string;
  permitExpiresOn: DateParts;
}

/** `/bureau/guichet/nouveau`: the identity document seen and the person's details. */
export class CounterIdentityPage {
  constructor(readonly page: Page) {}

  async record(p: PersonAtTheDesk): Promise<CounterProcedurePage> {
    const main = this.page.getByRole('main');
    await chooseRadio(main.getByRole('group', { name: 'Type de pièce' }), p.document);
    await main.getByLabel('Numéro de la pièce').fill(p.documentNumber);
    await this.page.locator('#surname').fill(p.surname);
    await this.page.locator('#givenNames').fill(p.givenNames);
    await fillDate(this.page, 'birthDate', p.birthDate);
    await this.page.locator('#nationality').selectOption({ label: p.nationality });
    await this.page.locator('#permitNumber').fill(p.permitNumber);
    await fillDate(this.page, 'permitExpiresOn', p.permitExpiresOn);
    await this.page.locator('#addressLine').fill(p.addressLine);
    await this.page.locator('#postcode').fill(p.postcode);
    await this.page.locator('#town').fill(p.town);
    await main.getByRole('button', { name: "Enregistrer l'identité" }).click();
    await this.page.waitForURL(/\/bureau\/guichet\/[0-9a-f-]{36}\/demarche$/);
    return new CounterProcedurePage(this.page);
  }
}

/** `/bureau/guichet/<id>/demarche`. */
export class CounterProcedurePage {
  constructor(readonly page: Page) {}

  get person(): Locator {
    return this.page.locator('#counter-person');
  }

  async choose(title: string): Promise<CounterAnswersPage> {
    await this.page.getByLabel('Démarche demandée').selectOption({ label: title });
    await this.page.getByRole('main').getByRole('button', { name: 'Commencer la démarche' }).click();
    await this.page.waitForURL(/\/reponses$/);
    return new CounterAnswersPage(this.page);
  }
}

/** `/bureau/guichet/<id>/reponses`: every question on one page. */
export class CounterAnswersPage {
  constructor(readonly page: Page) {}

  field(name: string): Locator {
    return this.page.locator(`#${name}`);
  }

  async answerRadio(legend: RegExp, option: string): Promise<void> {
    await chooseRadio(this.page.getByRole('main').getByRole('group', { name: legend }), option);
  }

  async saveAndGoToDocuments(): Promise<CounterPiecesPage> {
    await this.page.getByRole('main').getByRole('button', { name: 'Enregistrer et passer aux pièces' }).click();
    await this.page.waitForURL(/\/pieces$/);
    return new CounterPiecesPage(this.page);
  }
}

/** `/bureau/guichet/<id>/pieces`: one scan per document. */
export class CounterPiecesPage {
  constructor(readonly page: Page) {}

  async kinds(): Promise<string[]> {
    const ids = await this.page.locator('section[id^="piece-"]').evaluateAll((sections) => sections.map((s) => s.id));
    return ids.map((id) => id.slice('piece-'.length));
  }

  state(kind: string): Locator {
    return this.page.locator(`#piece-${kind} .fr-badge`);
  }

  /** Sends a scan and waits for the page to show the document provided (with or without the upload script). */
  async upload(kind: string, filePath: string): Promise<void> {
    const form = this.page.locator(`#envoi-${kind}`);
    await form.locator('input[type="file"]').setInputFiles(filePath);
    await form.locator('button[type="submit"]').click();
    await this.state(kind).filter({ hasText: 'Fournie' }).waitFor();
    await this.page.waitForLoadState('load');
  }

  async review(): Promise<CounterReviewPage> {
    await this.page.getByRole('link', { name: 'Vérifier avant de déposer' }).click();
    await this.page.waitForURL(/\/verification$/);
    return new CounterReviewPage(this.page);
  }
}

/** `/bureau/guichet/<id>/verification`. */
export class CounterReviewPage {
  constructor(readonly page: Page) {}

  get problems(): Locator {
    return this.page.locator('#review-problems');
  }

  async file(): Promise<CounterReceiptPage> {
    await this.page.getByRole('button', { name: 'Déposer la demande' }).click();
    await this.page.waitForURL(/\/recu$/);
    return new CounterReceiptPage(this.page);
  }
}

/** `/bureau/guichet/<id>/recu`: file number, claim code, what to print. */
export class CounterReceiptPage {
  constructor(readonly page: Page) {}

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  get reference(): Locator {
    return this.page.locator('#file-reference');
  }

  get claimCode(): Locator {
    return this.page.locator('#claim-code');
  }

  get printLink(): Locator {
    return this.page.getByRole('link', { name: 'Imprimer le reçu (PDF)' });
  }

  get attestationLinks(): Locator {
    return this.page.locator('#counter-attestations a');
  }
}

/** `/demarches/rattacher`: a person takes a counter file into their account. */
export class ClaimPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<ClaimPage> {
    await page.goto('/demarches/rattacher');
    return new ClaimPage(page);
  }

  async claim(code: string, birthDate: DateParts): Promise<void> {
    await this.page.getByLabel('Code du reçu').fill(code);
    await fillDate(this.page, 'birthDate', birthDate);
    await this.page.getByRole('main').getByRole('button', { name: 'Rattacher le dossier' }).click();
    await this.page.waitForURL(/\/demarches\/[0-9a-f-]{36}$/);
  }
}
