import type { Page } from 'playwright-core';
import { ConfirmCodePage } from '../pages/confirm-code-page';
import { OutboxPage } from '../pages/outbox-page';
import { SignUpPage } from '../pages/sign-up-page';

/**
 * Creates an account through the pages, as a person would (sign up, code from the mail), and
 * logs in. For journeys that start from a signed-in person; the accounts journey walks the
 * same path with its checks.
 */
export async function signUpAndLogIn(page: Page, email: string, password: string): Promise<void> {
  await (await SignUpPage.open(page)).signUp(email, password);
  const mail = await (await OutboxPage.open(page)).openLatestMailTo(email, 'Confirmez votre adresse e-mail');
  const code = await mail.code();
  const logIn = await (await ConfirmCodePage.open(page, email)).confirm(code);
  await logIn.logIn(email, password);
}
