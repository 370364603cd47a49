import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../api/problem';
import type { Logger } from '../logger';
import type { RouteAccess } from './access';
import { bearerToken } from './bearer';
import { IdentityProviderUnavailable } from './oidc';
import type { OperatorAuthenticator } from './operator-auth';
import { setPrincipal } from './principal';
import { RouteTable, type DeclaredRoute } from './route-table';
import { grantsAny } from './scopes';
import type { OpsAuditEntry } from './ops-audit';

export interface AccessGateDeps {
  routes: readonly DeclaredRoute[];
  authenticateOperator: OperatorAuthenticator;
  /** The live channel key's ID and account. */
  channelKeyAccount: (key: string) => Promise<{ keyId: string; accountId: string } | undefined>;
  audit: (entry: OpsAuditEntry) => Promise<void>;
  logger: Logger;
}

const CREDENTIALS_RETRY_AFTER_SECONDS = 10;

type OperatorAccess = Extract<RouteAccess, { door: 'operator' }>;

function unauthenticated(res: Response, realm: string, presented: boolean): void {
  const error = presented ? ', error="invalid_token"' : '';
  res.setHeader('WWW-Authenticate', `Bearer realm="${realm}"${error}`);
  const detail = presented
    ? 'The bearer token is not valid here (unknown, revoked, expired, or for another audience or account).'
    : 'This route needs credentials: send Authorization: Bearer <token>.';
  const message = presented ? 'is not a valid credential for this route' : 'is required';
  sendProblem(res, 401, 'unauthenticated', detail, { errors: [{ field: 'header:authorization', message }] });
}

function forbidden(res: Response, access: OperatorAccess): void {
  const scopes = access.scopes.join(' ');
  res.setHeader(
    'WWW-Authenticate',
    `Bearer realm="operators", error="insufficient_scope", scope="${scopes}"`,
  );
  sendProblem(res, 403, 'insufficient_scope', `This route needs one of the scopes: ${scopes} (or admin).`, {
    requiredScopes: access.scopes,
  });
}

/**
 * The first middleware of the app: finds the request's route in the policy table and opens its
 * door, or answers 401/403 before anything is looked up. A request no declared route matches is a
 * 404 here, so a route registered without a policy is never reachable.
 */
export function accessGate(deps: AccessGateDeps): RequestHandler {
  const table = new RouteTable(deps.routes);

  async function operatorDoor(req: Request, res: Response, next: NextFunction, access: OperatorAccess) {
    const token = bearerToken(req);
    const principal = token ? await deps.authenticateOperator(token) : undefined;
    if (!principal) return unauthenticated(res, 'operators', token !== undefined);
    if (!grantsAny(principal.scopes, access.scopes)) return forbidden(res, access);
    setPrincipal(req, principal);
    if (access.audit) {
      const action = access.audit;
      res.on('finish', () => {
        const entry = {
          principal: principal.id,
          action,
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
        };
        deps
          .audit(entry)
          .catch((error: unknown) => deps.logger.error({ err: error, ...entry }, 'ops audit not recorded'));
      });
    }
    next();
  }

  async function channelDoor(
    req: Request,
    res: Response,
    next: NextFunction,
    params: Record<string, string>,
  ) {
    const token = bearerToken(req);
    const key = token ? await deps.channelKeyAccount(token) : undefined;
    // A key of another account is as good as none: the route's account is not the caller's to name.
    if (!key || (params.accountId !== undefined && params.accountId !== key.accountId)) {
      return unauthenticated(res, 'sales channels', token !== undefined);
    }
    setPrincipal(req, { kind: 'channel', id: `channel-key:${key.keyId}`, accountId: key.accountId });
    next();
  }

  /** The credentials were not refused: what they are checked against is unreachable (IdP, database). */
  function credentialsUncheckable(res: Response, error: unknown): void {
    const idp = error instanceof IdentityProviderUnavailable;
    deps.logger.error({ err: idp ? error.cause : error }, 'credentials could not be checked');
    res.setHeader('Retry-After', String(CREDENTIALS_RETRY_AFTER_SECONDS));
    const detail = idp
      ? 'The identity provider’s signing keys cannot be fetched right now; send the same token again later.'
      : 'Credentials cannot be checked right now.';
    sendProblem(res, 503, 'temporarily_unavailable', detail, {
      retryAfterSeconds: CREDENTIALS_RETRY_AFTER_SECONDS,
    });
  }

  return async (req, res, next) => {
    const found = table.match(req.method, req.path);
    if (!found) return sendProblem(res, 404, 'not_found', `No route for ${req.method} ${req.path}`);
    const { access } = found.route;
    try {
      if (access.door === 'operator') return await operatorDoor(req, res, next, access);
      if (access.door === 'channel-key') return await channelDoor(req, res, next, found.params);
    } catch (error) {
      return credentialsUncheckable(res, error);
    }
    next();
  };
}
