import { readJson } from './carrier-http';
import { CarrierResponseInvalidError } from './errors';
import type { IssuedToken } from './token-cache';

/** Reads an OAuth client-credentials answer (FedEx sends expires_in as a number, UPS as a string). */
export async function readIssuedToken(carrier: string, response: Response): Promise<IssuedToken> {
  const token = (await readJson(response)) as { access_token?: unknown; expires_in?: unknown } | undefined;
  const expiresIn = Number(token?.expires_in);
  if (typeof token?.access_token !== 'string' || !Number.isFinite(expiresIn)) {
    throw new CarrierResponseInvalidError(
      `${carrier}: token response without access_token / expires_in`,
      carrier,
      response.status,
    );
  }
  return { accessToken: token.access_token, expiresInSeconds: expiresIn };
}
