import { STRICT_PROFILE, defaultProfileFor } from '../../src/intake/profiles/defaults';
import {
  generateMixedSet,
  isAccepted,
  rejectReport,
  type MixedCase,
} from '../../test/fixtures/channels/mixed-set';

/** Prints the reject rate of a mixed, realistic fixture set before and after validation profiles. */
const count = Number(process.env.INTAKE_MIXED_SET_SIZE ?? 5000);
const cases = generateMixedSet(count);
const before = rejectReport(cases, () => STRICT_PROFILE);
const after = rejectReport(cases, defaultProfileFor);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
console.log(`mixed set: ${count} orders, ${cases.filter((c) => !c.acceptable).length} truly broken`);
console.table({
  'before (strict, no profiles)': {
    rejectRate: percent(before.rejectRate),
    falsePositiveRejects: before.falsePositiveRejects,
    brokenAccepted: before.brokenAccepted,
  },
  'after (channel profiles)': {
    rejectRate: percent(after.rejectRate),
    falsePositiveRejects: after.falsePositiveRejects,
    brokenAccepted: after.brokenAccepted,
  },
});
const byVariation = new Map<string, { cases: number; strictRejects: number; profileRejects: number }>();
for (const testCase of cases) {
  for (const variation of testCase.variations) {
    const key = `${testCase.channel}: ${variation}${testCase.acceptable ? '' : ' (broken)'}`;
    const row = byVariation.get(key) ?? { cases: 0, strictRejects: 0, profileRejects: 0 };
    row.cases += 1;
    if (!isAccepted(testCase, () => STRICT_PROFILE)) row.strictRejects += 1;
    if (!isAccepted(testCase, (channel: MixedCase['channel']) => defaultProfileFor(channel)))
      row.profileRejects += 1;
    byVariation.set(key, row);
  }
}
console.table(Object.fromEntries([...byVariation.entries()].sort()));
