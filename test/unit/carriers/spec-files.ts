import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Reference specs copied into the repository (see specs/README.md). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const specsDir = path.join(repoRoot, 'specs');

export function readSpecText(relative: string): string {
  return readFileSync(path.join(specsDir, relative), 'utf8');
}

export function readSpecJson<T = unknown>(relative: string): T {
  return JSON.parse(readSpecText(relative)) as T;
}

export function readSpecYaml<T = unknown>(relative: string): T {
  return parse(readSpecText(relative)) as T;
}
