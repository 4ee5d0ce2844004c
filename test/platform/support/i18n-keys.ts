import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A message key written literally in the source, and where. */
export interface KeyUse {
  key: string;
  file: string;
  line: number;
  how: string;
}

const KEY = String.raw`[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+`;

/**
 * The ways a literal key appears in Sésame's source. A regexp scan, not a parser: it is meant
 * to catch the forms the conventions prescribe, and the self-test in i18n.test.ts pins each one.
 */
const patterns: { how: string; re: RegExp; expand?: (key: string) => string[] }[] = [
  // t('ns.key'), req.t("ns.key"), t(`ns.key`) without interpolation
  { how: "t('…')", re: new RegExp(String.raw`\bt\(\s*(['"\x60])(${KEY})\1`, 'g') },
  // labelKey: 'ns.key', titleKey="ns.key", messageKey={'ns.key'}, flashKey = 'ns.key'
  { how: '…Key', re: new RegExp(String.raw`\b[a-zA-Z]*Key\s*[:=]\s*\{?\s*(['"\x60])(${KEY})\1`, 'g') },
  // mailer.queue(…, { template: 'mail.x' }) renders `mail.x.subject` and `mail.x.body`
  { how: "template: '…'", re: new RegExp(String.raw`\btemplate\s*:\s*(['"\x60])(${KEY})\1`, 'g'), expand: (k) => [`${k}.subject`, `${k}.body`] },
  // reply.seeOther(url, 'flash.key'): the one-off message after a redirect
  { how: 'seeOther(…, flash)', re: new RegExp(String.raw`\bseeOther\([^;]*?,\s*(['"\x60])(${KEY})\1\s*\)`, 'g') },
  // Field messages and flash keys are passed around as plain strings: any literal in these namespaces is a key.
  { how: "'validation.…' / 'flash.…' / 'errors.…'", re: new RegExp(String.raw`(['"\x60])((?:validation|flash|errors)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)\1`, 'g') },
];

/** Every literal key used in one source text. */
export function findKeysInSource(source: string, file = '(inline)'): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const { how, re, expand } of patterns) {
    for (const m of source.matchAll(re)) {
      const line = source.slice(0, m.index).split('\n').length;
      for (const key of expand ? expand(m[2]!) : [m[2]!]) uses.push({ key, file, line, how });
    }
  }
  return uses;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every literal key used under `dir` (tests excluded). */
export function findKeysInTree(dir: string): KeyUse[] {
  return sourceFiles(dir).flatMap((file) => findKeysInSource(readFileSync(file, 'utf8'), relative(process.cwd(), file)));
}
