import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';

const artifactsDir = new URL('../artifacts/', import.meta.url);

/** A full-page PNG under `e2e/artifacts/` (gitignored), for a person to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const path = new URL(`${name}.png`, artifactsDir).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}
