import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ViewingMode } from './browser';

/** Text with its no-break spaces (French typography around « » and before :) as plain spaces. */
export const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Nothing wider than the screen: no sideways scrolling on a phone. */
export async function expectNoHorizontalScroll(page: Page, mode: ViewingMode) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(mode.viewport.width);
}
