import type { RequestHandler } from 'express';
import type { FieldProblem } from '../validation/field-problems';
import { unsafeTextReason } from '../validation/safe-text';
import { HttpError } from './http-errors';
import { API_OPERATIONS } from './openapi/catalogue';

const segmentsOf = (path: string) => path.split('/').slice(1);
const ROUTES = API_OPERATIONS.map((operation) => segmentsOf(operation.path));

/** The catalogue's name for the path segment at `index` (`path.id`), or its position when no route matches. */
function segmentField(segments: string[], index: number): string {
  const route = ROUTES.find(
    (literals) =>
      literals.length === segments.length &&
      literals.every((literal, i) => literal.startsWith(':') || literal === segments[i]),
  );
  const name = route?.[index];
  return name?.startsWith(':') ? `path.${name.slice(1)}` : `path.${index}`;
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function pathProblems(path: string): FieldProblem[] {
  const segments = segmentsOf(path);
  return segments.flatMap((segment, index) => {
    const text = decoded(segment);
    const reason = text === undefined ? 'must be percent-encoded UTF-8' : unsafeTextReason(text);
    return reason ? [{ field: segmentField(segments, index), message: reason }] : [];
  });
}

function queryProblems(query: unknown): FieldProblem[] {
  if (query === null || typeof query !== 'object') return [];
  return Object.entries(query).flatMap(([name, value]) => {
    const texts = [name, ...(Array.isArray(value) ? value : [value])].filter((v) => typeof v === 'string');
    const reason = texts.map(unsafeTextReason).find(Boolean);
    return reason ? [{ field: `query.${name}`, message: reason }] : [];
  });
}

/**
 * Refuses a request whose path segments or query parameters hold text no route may take (NUL, an
 * unpaired surrogate, bytes that are not UTF-8), naming the parameter, before any route reads them:
 * such text would otherwise reach PostgreSQL, which cannot store it, and come back as a 500.
 */
export const requestPathGuard: RequestHandler = (req, _res, next) => {
  const problems = [...pathProblems(req.path), ...queryProblems(req.query)];
  if (problems.length === 0) return next();
  next(
    new HttpError(400, 'validation_failed', 'The request path or query holds text that cannot be accepted.', {
      errors: problems.slice(0, 20),
    }),
  );
};
