import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsvRecords } from './csv';
import { SCMS_COLUMNS, scmsRowsToShipments, type ScmsImport } from './scms-shipments';

export interface ScmsFile extends ScmsImport {
  header: string[];
  rows: number;
}

/** Reads an SCMS delivery-history CSV; refuses a file that lacks one of the columns the import maps. */
export async function readScmsFile(file: string): Promise<ScmsFile> {
  const { header, records } = parseCsvRecords(await readFile(file, 'utf8'));
  const missing = Object.values(SCMS_COLUMNS).filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`${file} lacks the SCMS columns: ${missing.join(', ')}`);
  return { header, rows: records.length, ...scmsRowsToShipments(records, path.basename(file)) };
}
