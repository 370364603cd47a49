import type { Queryable } from '../db/database';
import { customerSearchId, customerSearchKeyFromEnv } from './customer-search-id';
import { recordOpsAudit } from './ops-audit';
import { parseScopeList } from './scopes';
import {
  DEFAULT_SERVICE_TOKEN_DAYS,
  issueServiceToken,
  listServiceTokens,
  MAX_SERVICE_TOKEN_DAYS,
  revokeServiceToken,
  type ServiceTokenInfo,
} from './service-tokens';

const USAGE = [
  `usage: npm run tokens -- issue --name <name> --scopes <scope,scope,…> [--expires-in-days <1-${MAX_SERVICE_TOKEN_DAYS}, default ${DEFAULT_SERVICE_TOKEN_DAYS}>]`,
  '       npm run tokens -- revoke <token id>',
  '       npm run tokens -- list',
  '       npm run tokens -- customer-search-id <channel> <account> <customer id>',
].join('\n');

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

export interface CommandOutcome {
  exitCode: number;
  output: string;
}

async function issue(db: Queryable, args: string[], actor: string): Promise<CommandOutcome> {
  const name = option(args, 'name')?.trim();
  const { scopes, unknown } = parseScopeList(option(args, 'scopes') ?? '');
  if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    return {
      exitCode: 2,
      output: `--name must be 1-64 letters, digits, dots, dashes or underscores\n${USAGE}`,
    };
  }
  if (unknown.length > 0 || scopes.length === 0) {
    return { exitCode: 2, output: `--scopes: unknown or missing scopes: ${unknown.join(', ') || '(none)'}` };
  }
  const days = option(args, 'expires-in-days');
  let issued: Awaited<ReturnType<typeof issueServiceToken>>;
  try {
    issued = await issueServiceToken(db, name, scopes, days === undefined ? undefined : Number(days));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      exitCode: 2,
      output: `--expires-in-days must be a whole number from 1 to ${MAX_SERVICE_TOKEN_DAYS}\n${USAGE}`,
    };
  }
  const { tokenId, token, expiresAt } = issued;
  await recordOpsAudit(db, {
    principal: actor,
    action: 'service-token.issue',
    method: 'CLI',
    path: 'tokens issue',
    status: 0,
    details: { tokenId, name, scopes, expiresAt },
  });
  return {
    exitCode: 0,
    output: `Issued ${tokenId} (${name}: ${scopes.join(', ')}), expires ${expiresAt}. It is shown only now:\n${token}`,
  };
}

function listLine(token: ServiceTokenInfo, now = Date.now()): string {
  const expiry = `${Date.parse(token.expiresAt) <= now ? 'expired' : 'expires'} ${token.expiresAt}`;
  const revoked = token.revokedAt ? `  revoked ${token.revokedAt}` : '';
  return `${token.tokenId}  ${token.name}  ${token.scopes.join(',')}  issued ${token.createdAt}  ${expiry}${revoked}`;
}

/**
 * `customer-search-id <channel> <account> <customer id>`: the order search attribute `CustomerId` of
 * that customer, computed with CUSTOMER_SEARCH_ID_KEY; needs no database.
 */
export function customerSearchIdCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): CommandOutcome {
  const [channel, accountId, customerId] = args;
  if (!channel || !accountId || !customerId || args.length !== 3) return { exitCode: 2, output: USAGE };
  const id = customerSearchId(customerSearchKeyFromEnv(env), channel, accountId, customerId);
  return { exitCode: 0, output: `${id}\nTemporal visibility query: CustomerId = '${id}'` };
}

/** `npm run tokens -- issue|revoke|list`: service tokens for machines calling operator routes. */
export async function runTokensCommand(
  db: Queryable,
  argv: string[],
  actor: string,
): Promise<CommandOutcome> {
  const [command, ...args] = argv;
  if (command === 'issue') return issue(db, args, actor);
  if (command === 'revoke' && args[0]) {
    const revoked = await revokeServiceToken(db, args[0]);
    if (revoked) {
      await recordOpsAudit(db, {
        principal: actor,
        action: 'service-token.revoke',
        method: 'CLI',
        path: 'tokens revoke',
        status: 0,
        details: { tokenId: args[0] },
      });
    }
    return {
      exitCode: revoked ? 0 : 1,
      output: revoked ? `Revoked ${args[0]}.` : `No live token ${args[0]}.`,
    };
  }
  if (command === 'list') {
    const rows = (await listServiceTokens(db)).map((token) => listLine(token));
    return { exitCode: 0, output: rows.length > 0 ? rows.join('\n') : 'No service tokens.' };
  }
  return { exitCode: 2, output: USAGE };
}
