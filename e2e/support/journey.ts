import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { launchChromium, openVisit, type ViewingMode, type Visit } from './browser';

let browser: Browser | undefined;

/** One Chromium for the whole journey file. */
export function useChromium(): void {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/**
 * Each test gets a fresh browser profile in the given mode, on the Sésame started by the
 * global setup; returns a getter for it.
 */
export function useVisit(mode: ViewingMode): () => Visit {
  let visit: Visit | undefined;
  beforeEach(async () => {
    visit = await openVisit(browser!, mode, inject('sesameUrl'));
  });
  afterEach(async () => {
    await visit?.close();
    visit = undefined;
  });
  return () => visit!;
}

/** A unique address per test, so journeys never meet each other's accounts. */
export function uniqueEmail(label: string): string {
  return `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/**
 * Another person in the same journey (an employer beside the holder), in the same mode: a
 * fresh browser profile that the caller closes.
 */
export function openAnotherVisit(mode: ViewingMode): Promise<Visit> {
  return openVisit(browser!, mode, inject('sesameUrl'));
}
