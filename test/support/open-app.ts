import express, { type RequestHandler } from 'express';
import { mountApiRoutes, type AppDeps } from '../../src/api/app';
import { API_OPERATIONS } from '../../src/api/openapi/catalogue';
import { requestPathGuard } from '../../src/api/request-path-guard';
import { httpTelemetry } from '../../src/observability/http-telemetry';
import { mountDoorLimits } from '../../src/security/door-limits/middleware';
import { setPrincipal } from '../../src/security/principal';
import { RouteTable } from '../../src/security/route-table';

/**
 * Stands where the access gate stands and checks nothing: the route is found in the catalogue as the
 * gate finds it, then an operator route's caller is taken as an admin and a channel-key route's as
 * the account the route names (else `accountId`).
 */
function trustEveryCaller(accountId: string): RequestHandler {
  const table = new RouteTable(API_OPERATIONS);
  const admin = { kind: 'operator' as const, id: 'open', scopes: new Set(['admin'] as const) };
  return (req, _res, next) => {
    const found = table.match(req.method, req.path);
    if (found?.route.access.door === 'operator') setPrincipal(req, admin);
    if (found?.route.access.door === 'channel-key') {
      const account = found.params.accountId ?? accountId;
      setPrincipal(req, { kind: 'channel', id: 'channel-key:open', accountId: account });
    }
    next();
  };
}

/**
 * The service's API without authentication, only to measure what authentication costs
 * (`npm run bench:security`): createApp's front and routers, with the access gate replaced by a
 * stand-in that trusts every caller. The service never builds it.
 */
export function openApp(deps: AppDeps, accountId = 'acme'): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(httpTelemetry());
  app.use(requestPathGuard);
  mountDoorLimits(app, deps);
  app.use(trustEveryCaller(accountId));
  mountApiRoutes(app, deps);
  return app;
}
