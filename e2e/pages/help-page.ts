import type { Page } from 'playwright-core';
import { chooseRadio } from './choose-radio';
import { FollowRequestPage } from './follow-request-page';

export interface HelpRequest {
  category: string;
  subject: string;
  description: string;
  contactEmail: string;
  accountEmail?: string;
}

/** `/aide`: "Contacter le support", the form anyone can send, signed in or not. */
export class HelpPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<HelpPage> {
    await page.goto('/aide');
    return new HelpPage(page);
  }

  /** From "report a problem" (the footer of every page), the link to contact support. */
  static async fromReportPage(page: Page): Promise<HelpPage> {
    await page.getByRole('main').getByRole('link', { name: /Contacter le support/ }).click();
    await page.waitForURL((url) => url.pathname === '/aide');
    return new HelpPage(page);
  }

  private field(name: string) {
    return this.page.locator(`main [name="${name}"]`);
  }

  /** Sends the request; lands on its follow page (the secret link) with the reference. */
  async send(r: HelpRequest): Promise<FollowRequestPage> {
    await chooseRadio(this.page.getByRole('group', { name: 'Quel est votre problème ?' }), r.category);
    await this.field('subject').fill(r.subject);
    await this.field('description').fill(r.description);
    await this.field('contactEmail').fill(r.contactEmail);
    if (r.accountEmail) await this.field('accountEmail').fill(r.accountEmail);
    await this.page.getByRole('main').getByRole('button', { name: 'Envoyer ma demande' }).click();
    await this.page.waitForURL(/\/aide\/suivi\/[A-Za-z0-9_-]+$/);
    return new FollowRequestPage(this.page);
  }
}
