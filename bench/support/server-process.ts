import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ServerProcess {
  pid: number;
  port: number;
  baseUrl: string;
  /** Asks the server to shut down (SIGTERM), then forces it after a grace period. */
  stop(): Promise<void>;
}

/** A port the kernel just gave us, on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server in its own process (so the load generator never shares its event loop)
 * and waits until `readyPath` answers 200.
 *
 * The child leads its own process group: `npx` starts `tsx`, which starts node; signalling the
 * group reaches all three, and only them.
 */
export async function startServerProcess(options: {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  cwd: string;
}): Promise<ServerProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (hasExited) throw new Error(`${options.name} exited before it was ready:\n${output.join('')}`);
    if (Date.now() > deadline) {
      await stopGroup(child, exited);
      throw new Error(`${options.name} was not ready after 90 s:\n${output.join('')}`);
    }
    try {
      const res = await fetch(baseUrl + options.readyPath);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid!,
    port: options.port,
    baseUrl,
    // Once only: a second signal to a group that is gone could reach a reused id.
    stop: () => (stopping ??= stopGroup(child, exited)),
  };
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  const group = -child.pid!;
  const groupAlive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(group, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  // Wait for every process of the group, not just `npx`: the server writes its CPU profile
  // (when asked for one) as it exits.
  const deadline = Date.now() + 15_000;
  while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive()) signalGroup('SIGKILL');
  await exited;
}
