import type { Locator, Page } from 'playwright-core';

/** A file's message thread: `/demarches/<id>/messages` (applicant) or `/bureau/dossiers/<id>/messages` (office). */
export class MessageThreadPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, path: string): Promise<MessageThreadPage> {
    await page.goto(path);
    return new MessageThreadPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get notice(): Locator {
    return this.page.getByRole('main').getByRole('status');
  }

  /** "La préfecture doit vous répondre au plus tard le …", or the late notice. */
  get deadline(): Locator {
    return this.page.locator('#reply-deadline');
  }

  get messages(): Locator {
    return this.page.locator('#messages > li');
  }

  /**
   * Writes a message, with a file if given, and waits for it in the thread. Without JavaScript
   * the form posts and the page comes back; with it the upload script sends it in the background
   * and puts the new page in place.
   */
  async write(text: string, filePath?: string): Promise<void> {
    const form = this.page.locator('#message-form');
    await form.getByLabel('Votre message').fill(text);
    if (filePath) await form.locator('input[type="file"]').setInputFiles(filePath);
    await form.getByRole('button', { name: /^(Envoyer le message|Send the message)$/ }).click();
    await this.messages.filter({ hasText: text.slice(0, 40) }).waitFor();
    await this.notice.waitFor();
    await this.page.waitForLoadState('load');
  }
}
