import { createServer } from 'node:net';

/** A port a process is about to bind, and the environment variable that moves it. */
export interface PlannedPort {
  port: number;
  variable: string;
  what: string;
  /** The address it will be bound on; unset = all interfaces. */
  host?: string;
}

function isFree(port: number, host: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Checks every port before anything is started, so a busy one is reported with the variable that
 * moves it instead of failing halfway through start-up. Throws naming every busy port.
 */
export async function assertPortsFree(planned: readonly PlannedPort[]): Promise<void> {
  const busy: PlannedPort[] = [];
  for (const entry of planned) {
    if (entry.port !== 0 && !(await isFree(entry.port, entry.host))) busy.push(entry);
  }
  if (busy.length === 0) return;
  const lines = busy.map(
    (entry) =>
      `port ${entry.port} (${entry.what}) is already in use: stop what holds it or set ${entry.variable} to another port`,
  );
  throw new Error(lines.join('; '));
}
