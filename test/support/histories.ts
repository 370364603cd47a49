import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Recorded order workflow histories, one folder per release: test/fixtures/histories/<version>/. */
export const HISTORIES_DIR = path.resolve(__dirname, '..', 'fixtures', 'histories');

/** The release being built: package.json's version. */
export async function currentRelease(): Promise<string> {
  const packageJson = path.resolve(__dirname, '..', '..', 'package.json');
  return (JSON.parse(await readFile(packageJson, 'utf8')) as { version: string }).version;
}

const RELEASE = /^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;

function byVersion(a: string, b: string): number {
  const parts = (release: string) => release.split(/[.+-]/).map((part) => Number(part));
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (left[i] !== right[i]) return left[i]! - right[i]!;
  return a.localeCompare(b);
}

/** Every release folder with its history files, oldest release first. */
export async function recordedReleases(): Promise<{ release: string; files: string[] }[]> {
  const entries = await readdir(HISTORIES_DIR, { withFileTypes: true });
  const stray = entries.filter((entry) => !entry.isDirectory() || !RELEASE.test(entry.name));
  if (stray.length > 0) {
    const names = stray.map((entry) => entry.name).join(', ');
    throw new Error(`${names}: histories belong in a release folder, ${HISTORIES_DIR}/<version>/`);
  }
  const releases = entries.map((entry) => entry.name).sort(byVersion);
  return Promise.all(
    releases.map(async (release) => {
      const folder = path.join(HISTORIES_DIR, release);
      const files = (await readdir(folder)).filter((file) => file.endsWith('.json')).sort();
      return { release, files: files.map((file) => path.join(folder, file)) };
    }),
  );
}
