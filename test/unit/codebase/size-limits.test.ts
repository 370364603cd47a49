import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const srcDir = path.resolve(__dirname, '..', '..', '..', 'src');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(name) ? [full] : [];
  });
}

interface LongFunction {
  where: string;
  lines: number;
}

/** Lines of a function less the lines of the functions nested in it (a factory of small handlers is not one long function). */
function ownLines(node: ts.Node, source: ts.SourceFile): number {
  const span = (n: ts.Node): number =>
    source.getLineAndCharacterOfPosition(n.getEnd()).line -
    source.getLineAndCharacterOfPosition(n.getStart()).line +
    1;
  let nested = 0;
  const collect = (child: ts.Node): void => {
    if (ts.isFunctionLike(child) && 'body' in child && child.body) nested += span(child) - 1;
    else ts.forEachChild(child, collect);
  };
  ts.forEachChild(node, collect);
  return span(node) - nested;
}

function longFunctions(file: string, text: string): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = ownLines(node, source);
      if (lines > MAX_FUNCTION_LINES) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        found.push({ where: `${path.relative(srcDir, file)}:${start + 1}`, lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(srcDir);

test(`no source file is longer than ${MAX_FILE_LINES} lines`, () => {
  const long = files
    .map((file) => ({
      file: path.relative(srcDir, file),
      lines: readFileSync(file, 'utf8').split('\n').length,
    }))
    .filter(({ lines }) => lines > MAX_FILE_LINES);
  assert.deepEqual(long, []);
});

test(`no function is longer than ${MAX_FUNCTION_LINES} lines`, () => {
  const long = files.flatMap((file) => longFunctions(file, readFileSync(file, 'utf8')));
  assert.deepEqual(long, []);
});
