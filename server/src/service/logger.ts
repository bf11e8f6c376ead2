/** Logging seam: the server logs to the client's output channel, the CLI to stderr, tests to nothing. */
export interface ILogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything. */
export const nullLogger: ILogger = Object.freeze({ info: () => undefined, warn: () => undefined, error: () => undefined });
