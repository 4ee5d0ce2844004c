import type { Locator, Page } from 'playwright-core';

/** `/bureau/messages`: the threads of the agent's prefecture, missed deadlines first. */
export class OfficeMessagesPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<OfficeMessagesPage> {
    await page.goto('/bureau/messages');
    return new OfficeMessagesPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get overdueSummary(): Locator {
    return this.page.locator('#overdue-summary');
  }

  get rows(): Locator {
    return this.page.locator('#threads tbody tr');
  }

  row(applicationId: string): Locator {
    return this.page.locator(`#thread-${applicationId}`);
  }

  async openThread(applicationId: string): Promise<void> {
    await this.row(applicationId).getByRole('link').click();
    await this.page.waitForURL((url) => url.pathname === `/bureau/dossiers/${applicationId}/messages`);
  }
}
