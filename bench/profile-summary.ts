import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the CPU went, from a V8 profile written with `BENCH_PROFILE=1`:
 * `tsx bench/profile-summary.ts <file.cpuprofile | directory> [--last <seconds>] [--top <n>]`
 * (a directory: its largest profile, the server's main thread). `--last` keeps only the final
 * seconds of the profile — the load, not the boot. Prints busy time by package and by function
 * as JSON, idle time apart.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function largestProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path, f));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

/** `node_modules/<package>`, `src/<folder>`, `node:<module>` or a V8 marker like `(garbage collector)`. */
function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src|bench)\/(.*)\//.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith('node:')) return url.split('/')[0]!;
  return url;
}

function main() {
  const target = process.argv[2];
  if (!target || target.startsWith('--')) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile | directory> [--last <seconds>] [--top <n>]');
  const top = option('--top', 25);
  const lastUs = option('--last', Infinity) * 1e6;
  const file = largestProfile(target);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Sample times are the deltas summed backwards from the end.
  const selfUs = new Map<number, number>();
  let sinceEnd = 0;
  for (let i = profile.samples.length - 1; i >= 0; i--) {
    if (sinceEnd > lastUs) break;
    const delta = profile.timeDeltas[i] ?? 0;
    sinceEnd += delta;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  let idle = 0;
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') {
      idle += us;
      selfUs.delete(id);
    }
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const percent = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: Math.round((us / total) * 1000) / 10 }));
  const seconds = (us: number) => Math.round(us / 1e4) / 100;
  console.log(JSON.stringify({ file, busySeconds: seconds(total), idleSeconds: seconds(idle), byArea: percent(byArea), byFunction: percent(byFunction) }, null, 2));
}

main();
