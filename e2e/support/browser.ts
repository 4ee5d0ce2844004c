import { chromium, type Browser, type Page } from 'playwright-core';
import { scanCopiesOf } from './accessibility';

/** How a person sees Sésame: with or without JavaScript, on a desktop or a small phone. */
export interface ViewingMode {
  name: string;
  javaScript: boolean;
  viewport: { width: number; height: number };
}

export const desktopWithScript: ViewingMode = { name: 'JavaScript on, 1280 px', javaScript: true, viewport: { width: 1280, height: 800 } };
export const desktopWithoutScript: ViewingMode = { name: 'JavaScript off, 1280 px', javaScript: false, viewport: { width: 1280, height: 800 } };
export const phoneWithoutScript: ViewingMode = { name: 'JavaScript off, 360 px', javaScript: false, viewport: { width: 360, height: 740 } };

export const isSmallScreen = (mode: ViewingMode) => mode.viewport.width <= 360;

/**
 * The Debian Chromium (`apt-get install chromium`); Playwright's own download needs a network
 * we do not have. Without these switches headless Chromium stalls on background connections.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Visit {
  page: Page;
  close(): Promise<void>;
}

let visits = 0;
/**
 * Each visit comes from an address of its own (198.18.0.0/15, set aside for tests), as separate
 * people do: the server runs behind a "proxy" (TRUST_PROXY) and the per-address limits on sign-up
 * and log-in count each visit apart, however many journeys a run holds.
 */
function visitorAddress(): string {
  const n = (process.pid * 1000 + ++visits) % 65_536;
  return `198.18.${n >> 8}.${n & 255}`;
}

/** A fresh browser profile (no cookies) in one viewing mode, speaking French. */
export async function openVisit(browser: Browser, mode: ViewingMode, baseUrl: string): Promise<Visit> {
  const options = { baseURL: baseUrl, viewport: mode.viewport, locale: 'fr-FR', extraHTTPHeaders: { 'x-forwarded-for': visitorAddress() } };
  const context = await browser.newContext({ ...options, javaScriptEnabled: mode.javaScript });
  const scanner = mode.javaScript ? null : await browser.newContext({ ...options, javaScriptEnabled: true });
  if (scanner) await scanCopiesOf(context, scanner);
  // Pages answer in milliseconds: a missing element fails the test in seconds, not 30.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return {
    page,
    async close() {
      await context.close();
      await scanner?.close();
    },
  };
}
