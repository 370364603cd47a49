import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';
import { fieldProblemsFrom, type ValidationIssues } from '../validation/field-problems';
import { sendProblem, type ProblemExtensions } from './problem';

/** An error answered as problem details: a status, a stable code and what the client can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ProblemExtensions,
  ) {
    super(message);
  }
}

export function validationError(
  error: ValidationIssues,
  message = 'The request body is not valid.',
): HttpError {
  return new HttpError(400, 'validation_failed', message, { errors: fieldProblemsFrom(error) });
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};

interface BodyParserError {
  type?: string;
  status?: number;
  message: string;
  limit?: number;
}

function fromBodyParser(error: BodyParserError): HttpError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'malformed_json', `The body is not valid JSON: ${error.message}`);
    case 'entity.too.large':
      return new HttpError(
        413,
        'body_too_large',
        `The body is larger than the limit of ${error.limit} bytes.`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', error.message);
    case 'request.aborted':
      return new HttpError(400, 'request_aborted', 'The request was aborted before its body arrived.');
    default:
      return error.status !== undefined && error.status >= 400 && error.status < 500
        ? new HttpError(error.status, 'unreadable_body', error.message)
        : undefined;
  }
}

/** The client error an error stands for (itself, or a body parser's refusal); undefined for a fault of ours. */
export function asHttpError(error: unknown): HttpError | undefined {
  return error instanceof HttpError ? error : fromBodyParser((error ?? {}) as BodyParserError);
}

export function sendHttpError(res: Response, error: HttpError): void {
  sendProblem(res, error.status, error.code, error.message, error.details);
}

/** Every error leaves as problem details; only a fault of our own is a 500, and it is logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      // The answer is already under way (a stream): it cannot become a problem, so it is cut off.
      logger.error(
        { err: error, method: req.method, path: req.path },
        'request failed after its answer began',
      );
      res.destroy();
      return;
    }
    const known = asHttpError(error);
    if (known) {
      sendHttpError(res, known);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    sendProblem(res, 500, 'internal_error', 'The request failed on our side; it was logged.');
  };
}
