import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCsvRow, parseCsv, parseCsvRecords } from '../../../src/prediction/scms/csv';
import { parseScmsDate, parseScmsNumber } from '../../../src/prediction/scms/scms-dates';
import { scmsRowsToShipments } from '../../../src/prediction/scms/scms-shipments';

const HEADER =
  'ID,Country,Fulfill Via,Vendor INCO Term,Shipment Mode,PO Sent to Vendor Date,Scheduled Delivery Date,Delivered to Client Date,Manufacturing Site,Weight (Kilograms)';

describe('SCMS import', () => {
  it('parses quoted commas, doubled quotes, CRLF and non-ASCII', () => {
    const rows = parseCsv('a,"b, c","say ""hi"""\r\nCôte d\'Ivoire,x,\n');
    assert.deepEqual(rows, [
      ['a', 'b, c', 'say "hi"'],
      ["Côte d'Ivoire", 'x', ''],
    ]);
    assert.deepEqual(parseCsv(rows.map(formatCsvRow).join('\n')), rows);
  });

  it('reads both date formats and refuses text', () => {
    assert.equal(parseScmsDate('2-Jun-06'), '2006-06-02');
    assert.equal(parseScmsDate('11/13/06'), '2006-11-13');
    assert.equal(parseScmsDate('2013-01-31'), '2013-01-31');
    assert.equal(parseScmsDate('Date Not Captured'), null);
    assert.equal(parseScmsDate('N/A - From RDC'), null);
    assert.equal(parseScmsDate('2/30/07'), null);
  });

  it('reads numbers and refuses text in numeric columns', () => {
    assert.equal(parseScmsNumber('4521.5'), 4521.5);
    assert.equal(parseScmsNumber('Weight Captured Separately'), null);
    assert.equal(parseScmsNumber('See ASN-93 (ID#:1281)'), null);
  });

  it('maps rows to shipments and counts the skipped by reason', () => {
    const csv = [
      HEADER,
      `1,Côte d'Ivoire,Direct Drop,EXW,Air,11/13/06,2-Jun-06,5-Jun-06,"Aurobindo Unit III, India",Weight Captured Separately`,
      '2,Vietnam,From RDC,N/A - From RDC,Truck,N/A - From RDC,14-Nov-06,10-Nov-06,Ranbaxy,358',
      '3,Vietnam,From RDC,N/A - From RDC,Truck,N/A - From RDC,Pending,10-Nov-06,Ranbaxy,1',
      '4,Vietnam,From RDC,N/A - From RDC,Truck,N/A - From RDC,14-Nov-06,,Ranbaxy,1',
    ].join('\n');
    const { records, skipped } = scmsRowsToShipments(parseCsvRecords(csv).records, 'f.csv');
    assert.deepEqual(skipped, { 'unreadable-scheduled-date': 1, 'unreadable-delivered-date': 1 });
    assert.equal(records.length, 2);
    assert.deepEqual(records[0], {
      naturalKey: 'scms:1',
      source: 'import:f.csv',
      carrier: 'Direct Drop',
      service: 'Air',
      deliveryTerms: 'EXW',
      originRegion: 'Aurobindo Unit III, India',
      destinationRegion: "Côte d'Ivoire",
      promisedDate: '2006-06-02',
      shippedAt: '2006-11-13T00:00:00.000Z',
      deliveredAt: '2006-06-05T00:00:00.000Z',
      weightKg: null,
      stageTimings: { shippedToDeliveredDays: -161 },
    });
    assert.equal(records[1]!.deliveryTerms, null);
    assert.equal(records[1]!.shippedAt, null);
    assert.equal(records[1]!.weightKg, 358);
  });
});
