import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');

function occupy(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => occupy()));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs `npm start` (tsx src/main.ts) as a child process, killing it if it outlives the timeout. */
function npmStart(env: Record<string, string>, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm start that cannot start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'npm-start-failure-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  async function portsEnv() {
    const free = await freePorts(7);
    const [api, temporal, ui, carrier, sendgrid, twilio, fcm] = free.map((port) => port);
    assert.ok(api && temporal && ui && carrier && sendgrid && twilio && fcm);
    return {
      ports: { api, temporal, ui, carrier, sendgrid, twilio, fcm },
      env: {
        DATA_DIR: dataDir,
        API_PORT: String(api),
        TEMPORAL_DEV_SERVER_PORT: String(temporal),
        TEMPORAL_UI_PORT: String(ui),
        CARRIER_SIM_PORT: String(carrier),
        SENDGRID_SIM_PORT: String(sendgrid),
        TWILIO_SIM_PORT: String(twilio),
        FCM_SIM_PORT: String(fcm),
      },
    };
  }

  it('names a busy port and the variable that moves it, exits non-zero and starts nothing', async () => {
    const { ports, env } = await portsEnv();
    const blocker = await occupy(ports.carrier);
    try {
      const run = await npmStart(env, 60_000);
      assert.notEqual(run.code, 0, run.output);
      assert.notEqual(run.code, null, `still running after the timeout:\n${run.output}`);
      assert.match(run.output, new RegExp(`port ${ports.carrier}\\b[^\\n]*CARRIER_SIM_PORT`));
      for (const [name, port] of Object.entries(ports)) {
        if (name === 'carrier') continue;
        assert.equal(await listening(port), false, `${name} port ${port} is left listening`);
      }
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('stops the Temporal dev server it started when a later step fails', async () => {
    const { ports, env } = await portsEnv();
    // Reachable-looking but refused: the database step fails after the dev server is up.
    const [closedPort] = await freePorts(1);
    assert.ok(closedPort);
    const run = await npmStart(
      { ...env, DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/none` },
      120_000,
    );
    assert.notEqual(run.code, 0, run.output);
    assert.notEqual(run.code, null, `still running after the timeout:\n${run.output}`);
    assert.match(run.output, /npm start failed to start/);
    for (const [name, port] of Object.entries(ports)) {
      assert.equal(await listening(port), false, `${name} port ${port} is left listening`);
    }
  });
});
