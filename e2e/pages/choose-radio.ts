import type { Locator } from 'playwright-core';

/**
 * Picks an option of a radio group the way a person does: by clicking its label. DSFR radios
 * draw their own circle over the real input, so the input itself cannot be clicked.
 */
export async function chooseRadio(group: Locator, option: string): Promise<void> {
  await group.locator('label').getByText(option, { exact: true }).click();
  const radio = group.getByRole('radio', { name: option, exact: true });
  if (!(await radio.isChecked())) throw new Error(`"${option}" did not get checked`);
}
