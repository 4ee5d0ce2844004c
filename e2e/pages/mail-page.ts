import type { Locator, Page } from 'playwright-core';

/** `/dev/outbox/<id>`: one e-mail, its text with links made clickable. */
export class MailPage {
  constructor(readonly page: Page) {}

  get subject(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  text(): Promise<string> {
    return this.page.getByRole('main').innerText();
  }

  /** The 6-digit code, as every code mail writes it ("Votre code : 123456"). */
  async code(): Promise<string> {
    const match = /Votre code : (\d{6})/.exec(await this.text());
    if (!match) throw new Error(`no 6-digit code in the mail at ${this.page.url()}`);
    return match[1]!;
  }

  /** The link whose address matches `pattern`, as the mail's text gives it. */
  link(pattern: RegExp): Locator {
    return this.page.getByRole('main').getByRole('link', { name: pattern });
  }
}
