import type { RouteAccess } from './access';

/** A route as the policy table declares it: method, express path and door. */
export interface DeclaredRoute {
  method: string;
  /** Express path syntax: literal segments and `:name` parameters. */
  path: string;
  access: RouteAccess;
}

interface CompiledRoute {
  route: DeclaredRoute;
  /** Literal segments in lower case; null for a parameter. */
  segments: (string | null)[];
}

function segmentsOf(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const decoded = (segment: string): string => decodeURIComponentSafe(segment).toLowerCase();

function matches(compiled: CompiledRoute, given: string[]): boolean {
  if (compiled.segments.length !== given.length) return false;
  return compiled.segments.every((literal, i) =>
    literal === null ? given[i] !== '' : literal === decoded(given[i] ?? ''),
  );
}

/** Literal segments win over parameters, leftmost first, as a stable tie-break. */
function moreSpecific(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < a.segments.length; i++) {
    const aLiteral = a.segments[i] !== null;
    if (aLiteral !== (b.segments[i] !== null)) return aLiteral ? -1 : 1;
  }
  return 0;
}

/**
 * The declared routes, matched the way express matches them (case-insensitive, an optional trailing
 * slash, one segment per parameter). HEAD is answered by GET routes, as in express.
 */
export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly DeclaredRoute[]) {
    this.compiled = routes.map((route) => ({
      route,
      segments: segmentsOf(route.path).map((segment) =>
        segment.startsWith(':') ? null : segment.toLowerCase(),
      ),
    }));
  }

  match(method: string, path: string): { route: DeclaredRoute; params: Record<string, string> } | undefined {
    const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    const given = segmentsOf(path);
    const candidates = this.compiled.filter(
      (compiled) => compiled.route.method.toLowerCase() === wanted && matches(compiled, given),
    );
    const best = candidates.sort(moreSpecific)[0];
    if (!best) return undefined;
    const names = segmentsOf(best.route.path);
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      if (name.startsWith(':')) params[name.slice(1)] = decodeURIComponentSafe(given[i] ?? '');
    });
    return { route: best.route, params };
  }
}
