import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import { TRACKING_STATUSES } from '../../../src/domain/tracking-status';
import { AFTERSHIP_TAGS, mapAfterShipStatus } from '../../../src/carriers/status/aftership-status';
import {
  EASYPOST_STATUSES,
  EASYPOST_STATUS_DETAILS,
  mapEasyPostStatus,
} from '../../../src/carriers/status/easypost-status';
import { FEDEX_STATUS_CODES, mapFedexStatus } from '../../../src/carriers/status/fedex-status';
import {
  UPS_ACTIVITY_TYPES,
  UPS_STATUS_CODES,
  mapUpsStatus,
  upsStatusCodeKey,
} from '../../../src/carriers/status/ups-status';
import { readSpecJson, readSpecText } from './spec-files';

function cellText(cell: HTMLElement): string {
  return cell.text.replace(/\s+/g, ' ').trim();
}

/** Rows of the table that follows the <h4> titled `title` (header rows skipped). */
function upsTable(file: string, title: string): Array<{ code: string; description: string }> {
  const root = parseHtml(readSpecText(file));
  const heading = root.querySelectorAll('h4').find((h) => cellText(h) === title);
  assert.ok(heading, `${file} has a table titled ${title}`);
  let node = heading.nextElementSibling;
  while (node && node.tagName !== 'TABLE') node = node.nextElementSibling;
  assert.ok(node, `${title} is followed by a table`);
  return node
    .querySelectorAll('tr')
    .map((row) => row.querySelectorAll('td').map(cellText))
    .filter((cells) => cells.length >= 2 && cells[0] !== '')
    .map((cells) => ({ code: cells[0] ?? '', description: cells[1] ?? '' }));
}

/**
 * FedEx's table lists codes in two column pairs, grouped by section rows whose definition is empty
 * ("Movement", "Regulatory", "Possession").
 */
function fedexCodesBySection(): Map<string, Array<{ code: string; description: string }>> {
  const root = parseHtml(readSpecText('carriers/fedex-tracking-status-codes.html'));
  const rows = root.querySelectorAll('tbody tr').map((row) => row.querySelectorAll('td').map(cellText));
  const sections = new Map<string, Array<{ code: string; description: string }>>();
  for (const pair of [0, 2]) {
    let section = 'Movement';
    for (const cells of rows) {
      const code = cells[pair] ?? '';
      const description = cells[pair + 1] ?? '';
      if (code === '') continue;
      if (description === '') {
        section = code;
        continue;
      }
      sections.set(section, [...(sections.get(section) ?? []), { code, description }]);
    }
  }
  return sections;
}

describe('FedEx status codes', () => {
  const sections = fedexCodesBySection();

  it('finds the three sections of the spec table', () => {
    assert.deepEqual([...sections.keys()].sort(), ['Movement', 'Possession', 'Regulatory']);
    assert.ok((sections.get('Movement') ?? []).length >= 50);
  });

  it('maps every movement and regulatory code in the spec', () => {
    const unmapped = [...(sections.get('Movement') ?? []), ...(sections.get('Regulatory') ?? [])].filter(
      ({ code }) => !Object.prototype.hasOwnProperty.call(FEDEX_STATUS_CODES, code.toUpperCase()),
    );
    assert.deepEqual(unmapped, []);
  });

  it('has no code the spec does not list', () => {
    const listed = new Set(
      [...(sections.get('Movement') ?? []), ...(sections.get('Regulatory') ?? [])].map(({ code }) =>
        code.toUpperCase(),
      ),
    );
    assert.deepEqual(
      Object.keys(FEDEX_STATUS_CODES).filter((code) => !listed.has(code)),
      [],
    );
  });

  it('maps the codes that decide an order', () => {
    assert.equal(mapFedexStatus('OC').status, 'pre_transit');
    assert.equal(mapFedexStatus('PU').status, 'picked_up');
    assert.equal(mapFedexStatus('IT').status, 'in_transit');
    assert.equal(mapFedexStatus('OD').status, 'out_for_delivery');
    assert.equal(mapFedexStatus('DL').status, 'delivered');
    assert.equal(mapFedexStatus('DE').status, 'exception');
    assert.equal(mapFedexStatus('HP').status, 'available_for_pickup');
    assert.equal(mapFedexStatus('RS').status, 'returned_to_sender');
    assert.equal(mapFedexStatus('CA').status, 'cancelled');
    assert.equal(mapFedexStatus('Ow').status, 'in_transit');
  });

  it('keeps the raw code and the carrier description', () => {
    assert.deepEqual(mapFedexStatus('DL', 'Delivered to front porch'), {
      status: 'delivered',
      rawCode: 'DL',
      rawDescription: 'Delivered to front porch',
    });
    assert.deepEqual(mapFedexStatus('ZZ', 'A code from the future'), {
      status: 'unknown',
      rawCode: 'ZZ',
      rawDescription: 'A code from the future',
    });
  });
});

describe('UPS activity types and status codes', () => {
  it('maps every activity type in the spec', () => {
    const types = upsTable('carriers/ups-activity-types.html', 'Package Activity Types');
    assert.equal(types.length, 10);
    assert.deepEqual(
      types.filter(({ code }) => !Object.prototype.hasOwnProperty.call(UPS_ACTIVITY_TYPES, code)),
      [],
    );
  });

  it('maps every status / description code in the spec', () => {
    const codes = upsTable('carriers/ups-status-description-codes.html', 'Status/Description Codes');
    assert.equal(codes.length, 160);
    assert.deepEqual(
      codes.filter(
        ({ code }) => !Object.prototype.hasOwnProperty.call(UPS_STATUS_CODES, upsStatusCodeKey(code)),
      ),
      [],
    );
    assert.equal(Object.keys(UPS_STATUS_CODES).length, codes.length);
  });

  it('lets the status code refine the activity type', () => {
    assert.equal(mapUpsStatus({ type: 'I', statusCode: '021', code: 'OT' }).status, 'out_for_delivery');
    assert.equal(mapUpsStatus({ type: 'I', statusCode: '005', code: 'AR' }).status, 'in_transit');
    assert.equal(mapUpsStatus({ type: 'X', statusCode: '022' }).status, 'delivery_attempted');
    assert.equal(mapUpsStatus({ type: 'X', statusCode: '035' }).status, 'returned_to_sender');
    assert.equal(mapUpsStatus({ type: 'D', statusCode: '011', code: 'FS' }).status, 'delivered');
    assert.equal(mapUpsStatus({ type: 'X' }).status, 'exception');
    assert.equal(mapUpsStatus({ type: 'M', statusCode: '999' }).status, 'pre_transit');
    assert.equal(mapUpsStatus({ type: 'Q', statusCode: '999', code: 'QQ' }).status, 'unknown');
  });

  it('keeps the two-character activity code as the raw code', () => {
    assert.deepEqual(mapUpsStatus({ type: 'D', statusCode: '011', code: 'FS', description: 'DELIVERED' }), {
      status: 'delivered',
      rawCode: 'FS',
      rawDescription: 'DELIVERED',
    });
  });
});

describe('EasyPost status and status_detail', () => {
  it('maps every status the spec lists', () => {
    const readme = readSpecText('README.md');
    const enumLine = /Status enum: ([^.]+)\./.exec(readme.replace(/\s+/g, ' '));
    assert.ok(enumLine?.[1], 'README lists the EasyPost status enum');
    const statuses = enumLine[1].split(',').map((s) => s.trim());
    assert.equal(statuses.length, 10);
    assert.deepEqual(
      statuses.filter((s) => !Object.prototype.hasOwnProperty.call(EASYPOST_STATUSES, s)),
      [],
    );
    for (const status of statuses.filter((s) => s !== 'unknown' && s !== 'error')) {
      assert.notEqual(mapEasyPostStatus(status), 'unknown', status);
    }
  });

  it('maps every status and status_detail in the real event', () => {
    const event = readSpecJson<{
      result: {
        status: string;
        status_detail: string;
        tracking_details: Array<{ status: string; status_detail: string }>;
      };
    }>('aggregators/easypost-tracker-updated-event.json');
    const pairs = [event.result, ...event.result.tracking_details];
    for (const pair of pairs) {
      assert.ok(
        (EASYPOST_STATUS_DETAILS as readonly string[]).includes(pair.status_detail),
        pair.status_detail,
      );
      assert.notEqual(mapEasyPostStatus(pair.status, pair.status_detail), 'unknown');
    }
  });

  it('refines in-flight statuses by detail, never a finished one', () => {
    assert.equal(mapEasyPostStatus('in_transit', 'weather_delay'), 'exception');
    assert.equal(mapEasyPostStatus('in_transit', 'arrived_at_facility'), 'in_transit');
    assert.equal(mapEasyPostStatus('in_transit', 'return'), 'returned_to_sender');
    assert.equal(mapEasyPostStatus('delivered', 'delivery_exception'), 'delivered');
    assert.equal(mapEasyPostStatus('failure', 'lost'), 'delivery_failed');
    assert.equal(mapEasyPostStatus('teleported', 'beamed_up'), 'unknown');
  });
});

describe('AfterShip tags and subtags', () => {
  it('maps every tag the spec lists', () => {
    const readme = readSpecText('README.md').replace(/\s+/g, ' ');
    const tagsLine = /Tags: ([^.]+)\./.exec(readme);
    assert.ok(tagsLine?.[1], 'README lists the AfterShip tags');
    const tags = tagsLine[1].split(',').map((t) => t.trim());
    assert.equal(tags.length, 9);
    assert.deepEqual(
      tags.filter((t) => !Object.prototype.hasOwnProperty.call(AFTERSHIP_TAGS, t)),
      [],
    );
  });

  it('refines by subtag and falls back to the tag', () => {
    assert.equal(mapAfterShipStatus('Exception', 'Exception_011'), 'returned_to_sender');
    assert.equal(mapAfterShipStatus('Exception', 'Exception_005'), 'exception');
    assert.equal(mapAfterShipStatus('InTransit', 'InTransit_002'), 'picked_up');
    assert.equal(mapAfterShipStatus('AttemptFail', 'AttemptFail_099'), 'delivery_attempted');
    assert.equal(mapAfterShipStatus(undefined, 'Delivered_003'), 'delivered');
    assert.equal(mapAfterShipStatus('Teleported', 'Teleported_001'), 'unknown');
  });
});

describe('unknown codes', () => {
  it('map to a status in the set, never throwing, for any input', () => {
    const statuses = new Set<string>(TRACKING_STATUSES);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        assert.ok(statuses.has(mapFedexStatus(a, b).status));
        assert.ok(statuses.has(mapUpsStatus({ type: a, statusCode: b, code: a }).status));
        assert.ok(statuses.has(mapEasyPostStatus(a, b)));
        assert.ok(statuses.has(mapAfterShipStatus(a, b)));
        assert.equal(mapFedexStatus(a, b).rawCode, a.trim());
      }),
    );
  });

  it('do not resolve through the prototype chain', () => {
    assert.equal(mapFedexStatus('constructor').status, 'unknown');
    assert.equal(mapUpsStatus({ type: 'toString' }).status, 'unknown');
    assert.equal(mapEasyPostStatus('__proto__'), 'unknown');
    assert.equal(mapAfterShipStatus('hasOwnProperty'), 'unknown');
  });
});
