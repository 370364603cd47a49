import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';

async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function healthRoutes({ db, client }: { db: Database; client: Client }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([
      check(() => db.query('SELECT 1')),
      check(() => client.connection.workflowService.getSystemInfo({})),
    ]);
    const ready = postgres.ok && temporal.ok;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', checks: { postgres, temporal } });
  });
  return router;
}
