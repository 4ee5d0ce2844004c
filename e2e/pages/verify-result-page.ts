import type { Locator, Page } from 'playwright-core';

/** `/verify/<code>`: where an attestation's QR code leads; what it allows, until when. */
export class VerifyResultPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<VerifyResultPage> {
    await page.goto(url);
    return new VerifyResultPage(page);
  }

  /** "Attestation valide", "Attestation expirée"… */
  get status(): Locator {
    return this.page.locator('#verification-status');
  }

  /** The one sentence a verifier needs: "Peut travailler et séjourner en France du … au … inclus." */
  get summary(): Locator {
    return this.page.locator('#verification-summary');
  }

  get facts(): Locator {
    return this.page.getByRole('main').locator('dl');
  }
}
