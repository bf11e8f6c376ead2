/**
 * Handler isolation: an exception in a handler is logged and answered with an empty result, so a
 * bug in one feature never kills the server or leaves a request unanswered.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { ILogger } from '../service';

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/**
 * Wraps a request handler: a throw or a rejection → `fallback()` and one log line. A
 * `ResponseError` thrown on purpose (e.g. cancellation) is passed through.
 */
export function guard<P, R, F>(
  logger: ILogger,
  name: string,
  fallback: () => F,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R | F | ResponseError<never>> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) return error as ResponseError<never>;
      logger.error(`${name} failed: ${describe(error)}`);
      return fallback();
    }
  };
}

/** Wraps a notification handler: a throw or a rejection is logged, nothing else happens. */
export function guardNotification<P>(logger: ILogger, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const result = handler(params);
      if (result && typeof (result as Promise<void>).catch === 'function') {
        (result as Promise<void>).catch((error: unknown) => logger.error(`${name} failed: ${describe(error)}`));
      }
    } catch (error) {
      logger.error(`${name} failed: ${describe(error)}`);
    }
  };
}

/** The error a request answers with when the client cancelled it. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Запрос отменён');
}
