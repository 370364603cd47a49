import { readFile, writeFile } from 'node:fs/promises';
import { formatCsvRow, parseCsv } from '../scms/csv';
import { parseScmsDate } from '../scms/scms-dates';
import { SCMS_COLUMNS } from '../scms/scms-shipments';
import { parseCliArgs, runCli } from './cli-args';

const USAGE = 'usage: npm run predict:split -- --before <year> <csv> <train-out> <test-out>';

/**
 * Splits an SCMS file by the year of its Scheduled Delivery Date: earlier years to one file, the rest
 * to the other, each with the same header, so a model is always tested on a later period.
 */
async function main(): Promise<void> {
  const { options, positional } = parseCliArgs(process.argv.slice(2));
  const [input, trainOut, testOut] = positional;
  const before = Number(options.before);
  if (!input || !trainOut || !testOut || !Number.isInteger(before)) throw new Error(USAGE);
  const [header = [], ...rows] = parseCsv((await readFile(input, 'utf8')).replace(/^\uFEFF/, ''));
  const column = header.indexOf(SCMS_COLUMNS.scheduled);
  if (column < 0) throw new Error(`${input} has no "${SCMS_COLUMNS.scheduled}" column`);
  const earlier: string[][] = [];
  const later: string[][] = [];
  let undated = 0;
  for (const row of rows) {
    const date = parseScmsDate(row[column] ?? '');
    if (!date) undated++;
    else (Number(date.slice(0, 4)) < before ? earlier : later).push(row);
  }
  const write = (file: string, part: string[][]) =>
    writeFile(file, [header, ...part].map(formatCsvRow).join('\n') + '\n', 'utf8');
  await Promise.all([write(trainOut, earlier), write(testOut, later)]);
  console.log(JSON.stringify({ before, train: earlier.length, test: later.length, undated }));
}

runCli(main);
