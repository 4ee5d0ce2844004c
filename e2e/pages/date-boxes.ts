import type { Page } from 'playwright-core';

/** A calendar date as the three boxes (day, month, year) of Sésame's date fields. */
export interface DateParts {
  day: number;
  month: number;
  year: number;
}

/** The date `days` after today, in Paris (the day the server counts with). */
export function daysFromToday(days: number): DateParts {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));
  const [year, month, day] = iso.split('-').map(Number);
  return { day: day!, month: month!, year: year! };
}

/** Fills the boxes of the date field named `name` (inputs `<name>-day`, `-month`, `-year`). */
export async function fillDate(page: Page, name: string, date: DateParts): Promise<void> {
  await page.locator(`#${name}-day`).fill(String(date.day));
  await page.locator(`#${name}-month`).fill(String(date.month));
  await page.locator(`#${name}-year`).fill(String(date.year));
}
