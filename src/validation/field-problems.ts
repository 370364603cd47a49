/** One thing wrong with an input, named by the field it concerns. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What a validation error (zod's among them) carries: each issue's path and message. */
export interface ValidationIssues {
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>;
}

/**
 * Every issue as a field problem: the field is the issue's dotted path after `prefix`, or `whole`
 * when the issue concerns the input as a whole.
 */
export function fieldProblemsFrom(
  error: ValidationIssues,
  { prefix = '', whole = '(body)' }: { prefix?: string; whole?: string } = {},
): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? prefix + issue.path.map(String).join('.') : whole,
    message: issue.message,
  }));
}

/** "field: message; field: message" for log lines and one-line answers. */
export function describeFieldProblems(problems: readonly FieldProblem[]): string {
  return problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
}
