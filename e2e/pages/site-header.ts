import type { Locator, Page } from 'playwright-core';

/** The header every page shares: account links and the language switch. */
export class SiteHeader {
  constructor(private readonly page: Page) {}

  private get banner(): Locator {
    return this.page.getByRole('banner');
  }

  get logInLink(): Locator {
    return this.banner.getByRole('link', { name: 'Se connecter' });
  }

  get signUpLink(): Locator {
    return this.banner.getByRole('link', { name: 'Créer un compte' });
  }

  get accountLink(): Locator {
    return this.banner.getByRole('link', { name: 'Mon compte' });
  }

  get logOutButton(): Locator {
    return this.banner.getByRole('button', { name: 'Se déconnecter' });
  }

  /** Named in the page's language, so it is found in French and in English. */
  get languageSwitch(): Locator {
    return this.banner.getByRole('navigation', { name: /^(Choisir la langue|Choose a language)$/ });
  }

  languageLink(language: 'Français' | 'English'): Locator {
    return this.languageSwitch.getByRole('link', { name: language });
  }

  async switchLanguage(language: 'Français' | 'English'): Promise<void> {
    await this.languageLink(language).click();
    await this.page.waitForURL((url) => !url.pathname.startsWith('/langue/'));
  }

  async logOut(): Promise<void> {
    await this.logOutButton.click();
    await this.page.waitForURL('/');
  }
}
