import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LogFn } from 'pino';
import type { Logger } from '../logger';

/**
 * Fastify gives every request a pino child logger that stamps the request id on its lines. At
 * the production level (`warn`) nearly no request writes a line, yet making the child (bindings
 * serialised, a new object per request) was a share of every page's CPU. This one makes the
 * real child on the first line that the level lets through, with the same bindings and options:
 * the lines written are the same, with the same request id.
 */
export function requestLogger(parent: Logger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  // A route with its own log level (or any other option) gets its child at once, as before.
  if (Object.keys(options).length > 0) return parent.child(bindings, options);
  return new LazyChildLogger(parent, bindings);
}

class LazyChildLogger implements FastifyBaseLogger {
  #parent: Logger;
  #bindings: Bindings;
  #child: Logger | undefined = undefined;

  constructor(parent: Logger, bindings: Bindings) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  #real(): Logger {
    return (this.#child ??= this.#parent.child(this.#bindings));
  }

  /** Whether a line at `level` would be written: asked of the child once it exists (its level may have been changed). */
  #writes(level: Level): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level);
  }

  get level(): string {
    return (this.#child ?? this.#parent).level;
  }

  set level(level: string) {
    this.#real().level = level;
  }

  // Methods on the prototype, not arrow fields: nothing is made per request but the object.
  fatal(...args: unknown[]): void {
    if (this.#writes('fatal')) (this.#real().fatal as LogFn)(...(args as Parameters<LogFn>));
  }
  error(...args: unknown[]): void {
    if (this.#writes('error')) (this.#real().error as LogFn)(...(args as Parameters<LogFn>));
  }
  warn(...args: unknown[]): void {
    if (this.#writes('warn')) (this.#real().warn as LogFn)(...(args as Parameters<LogFn>));
  }
  info(...args: unknown[]): void {
    if (this.#writes('info')) (this.#real().info as LogFn)(...(args as Parameters<LogFn>));
  }
  debug(...args: unknown[]): void {
    if (this.#writes('debug')) (this.#real().debug as LogFn)(...(args as Parameters<LogFn>));
  }
  trace(...args: unknown[]): void {
    if (this.#writes('trace')) (this.#real().trace as LogFn)(...(args as Parameters<LogFn>));
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}
