import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ZodError } from 'zod';
import type { Logger } from '../logger';

/** An error with a status code and a body the client can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function fieldProblems(error: ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

export function validationError(error: ZodError, message = 'The request body is not valid.'): HttpError {
  return new HttpError(400, 'validation_failed', message, { problems: fieldProblems(error) });
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
      return undefined;
  }
}

/** Every error leaves as JSON; only a fault of our own is a 500, and it is logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = error instanceof HttpError ? error : fromBodyParser((error ?? {}) as BodyParserError);
    if (known) {
      res.status(known.status).json({ error: known.code, message: known.message, ...known.details });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    res
      .status(500)
      .json({ error: 'internal_error', message: 'The request failed on our side; it was logged.' });
  };
}
