import type { Queryable } from '../db/database';
import { recordOpsAudit } from './ops-audit';
import { parseScopeList } from './scopes';
import { issueServiceToken, listServiceTokens, revokeServiceToken } from './service-tokens';

const USAGE = [
  'usage: npm run tokens -- issue --name <name> --scopes <scope,scope,…>',
  '       npm run tokens -- revoke <token id>',
  '       npm run tokens -- list',
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
  const { tokenId, token } = await issueServiceToken(db, name, scopes);
  await recordOpsAudit(db, {
    principal: actor,
    action: 'service-token.issue',
    method: 'CLI',
    path: 'tokens issue',
    status: 0,
    details: { tokenId, name, scopes },
  });
  return {
    exitCode: 0,
    output: `Issued ${tokenId} (${name}: ${scopes.join(', ')}). It is shown only now:\n${token}`,
  };
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
    const rows = (await listServiceTokens(db)).map(
      (token) =>
        `${token.tokenId}  ${token.name}  ${token.scopes.join(',')}  issued ${token.createdAt}${token.revokedAt ? `  revoked ${token.revokedAt}` : ''}`,
    );
    return { exitCode: 0, output: rows.length > 0 ? rows.join('\n') : 'No service tokens.' };
  }
  return { exitCode: 2, output: USAGE };
}
