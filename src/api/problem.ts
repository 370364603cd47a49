import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import type { FieldProblem } from '../validation/field-problems';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * RFC 9457 problem details: the body of every error answer the service writes. `code` is the stable
 * machine-readable reason clients branch on; `errors` names every bad field when the input is at fault.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export type ProblemExtensions = { errors?: FieldProblem[] } & Record<string, unknown>;

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'code']);

export function problemDetails(
  status: number,
  code: string,
  detail: string,
  extensions: ProblemExtensions = {},
): ProblemDetails {
  const extra = Object.entries(extensions).filter(
    ([name, value]) => !STANDARD_MEMBERS.has(name) && value !== undefined,
  );
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...Object.fromEntries(extra),
  };
}

/** Answers with a problem-details body built by `problemDetails`. */
export function sendProblemDetails(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem);
}

export function sendProblem(
  res: Response,
  status: number,
  code: string,
  detail: string,
  extensions?: ProblemExtensions,
): void {
  sendProblemDetails(res, problemDetails(status, code, detail, extensions));
}
