import type { Request } from 'express';

/** The token of an `Authorization: Bearer <token>` header; undefined for none or another scheme. */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}
