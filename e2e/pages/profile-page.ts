import type { Locator, Page } from 'playwright-core';
import { fillDate, type DateParts } from './date-boxes';

/** What the journeys put in a profile: a *salarié* card holder living in Paris. */
export interface ProfileDetails {
  surname: string;
  givenNames: string;
  birthDate: DateParts;
  nationality: string;
  permitNumber: string;
  permitExpiresOn: DateParts;
  addressLine: string;
  postcode: string;
  town: string;
}

/** `/compte/profil`: "Mon identité", the details every procedure starts from. */
export class ProfilePage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<ProfilePage> {
    await page.goto('/compte/profil');
    return new ProfilePage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Mon identité' });
  }

  get notice(): Locator {
    return this.page.getByRole('status');
  }

  /** A field by its name: the labels also hold the hints, so names are steadier to find. */
  field(name: string): Locator {
    return this.page.locator(`main [name="${name}"]`);
  }

  /** Fills the form and saves; the page comes back saying it is saved. */
  async save(p: ProfileDetails): Promise<void> {
    await this.field('surname').fill(p.surname);
    await this.field('givenNames').fill(p.givenNames);
    await fillDate(this.page, 'birthDate', p.birthDate);
    await this.field('nationality').selectOption({ label: p.nationality });
    await this.field('permitCategory').selectOption({ label: 'Carte de séjour « salarié »' });
    await this.field('permitNumber').fill(p.permitNumber);
    await fillDate(this.page, 'permitExpiresOn', p.permitExpiresOn);
    await this.field('addressLine').fill(p.addressLine);
    await this.field('postcode').fill(p.postcode);
    await this.field('town').fill(p.town);
    await this.page.getByRole('main').getByRole('button', { name: 'Enregistrer' }).click();
    await this.page.waitForURL((url) => url.pathname === '/compte/profil' && url.search.includes('resultat'));
  }
}
