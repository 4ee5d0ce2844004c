import type { Locator, Page } from 'playwright-core';

/** `/bureau`: the prefecture's queue of files, by risk, with its filters. */
export class OfficeQueuePage {
  constructor(readonly page: Page) {}

  static async open(page: Page, query = ''): Promise<OfficeQueuePage> {
    await page.goto(`/bureau${query}`);
    return new OfficeQueuePage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'File des dossiers' });
  }

  get table(): Locator {
    return this.page.locator('#queue');
  }

  /** The file numbers in the order the queue shows them. */
  async references(): Promise<string[]> {
    return this.table.locator('tbody tr td:first-child a').allTextContents();
  }

  row(reference: string): Locator {
    return this.table.locator('tbody tr', { has: this.page.getByRole('link', { name: reference, exact: true }) });
  }

  /** Chooses a filter by its label and applies the filters (a GET form: works without JavaScript). */
  async filter(label: 'Statut' | 'Démarche' | 'Agent', option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
    await this.page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await this.page.waitForLoadState('load');
  }

  async openFile(reference: string): Promise<void> {
    await this.table.getByRole('link', { name: reference, exact: true }).click();
    await this.page.waitForURL(/\/bureau\/dossiers\/[0-9a-f-]{36}$/);
  }
}
