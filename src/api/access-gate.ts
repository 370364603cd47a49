import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { channelKeyAccount } from '../intake/api-keys';
import type { Logger } from '../logger';
import { accessGate } from '../security/gate';
import type { OidcVerifier } from '../security/oidc';
import { createOperatorAuthenticator } from '../security/operator-auth';
import { operatorAuthFromEnv, type OperatorAuthSettings } from '../security/operator-auth-config';
import { recordOpsAudit } from '../security/ops-audit';
import { API_OPERATIONS } from './openapi/catalogue';

export interface AccessDeps {
  db: Database;
  logger: Logger;
  /** Bootstrap token and identity provider; by default from OPS_BOOTSTRAP_TOKEN and OPS_OIDC_*. */
  operatorAuth?: OperatorAuthSettings;
  /** Verifies the identity provider's tokens; by default against OPS_OIDC_JWKS_URL. */
  oidcVerifier?: OidcVerifier;
}

/** The access gate over the route catalogue: every route's door, as the catalogue declares it. */
export function apiAccessGate(deps: AccessDeps): RequestHandler {
  const { db, logger } = deps;
  return accessGate({
    routes: API_OPERATIONS,
    authenticateOperator: createOperatorAuthenticator(
      db,
      deps.operatorAuth ?? operatorAuthFromEnv(),
      deps.oidcVerifier,
    ),
    channelKeyAccount: (key) => channelKeyAccount(db, key),
    audit: (entry) => recordOpsAudit(db, entry),
    logger,
  });
}
