import { describe, expect, it } from 'vitest';
import type { RenewalFacts } from '../attestations/issuance-rules';
import { appealRoutes } from './appeal-routes';
import { implicitRejectionOn, priorityOn, riskBadges, rightsEndOn, type QueueClockFacts } from './queue-priority';

const renewal = (over: Partial<RenewalFacts> = {}): RenewalFacts => ({
  procedure: 'renewal',
  filedOn: '2026-04-01',
  filedOnTime: true,
  completedOn: '2026-04-01',
  titleExpiresOn: '2026-07-31',
  titleAllowsWork: true,
  comingTitleAllowsWork: true,
  decision: null,
  cardDeliveredOn: null,
  withdrawnOn: null,
  apriBlock: null,
  ...over,
});

const clock = (over: Partial<QueueClockFacts> = {}): QueueClockFacts => ({ status: 'under_review', filedOn: '2026-04-01', completedOn: '2026-04-01', documentsDueOn: null, rightsEndOn: null, ...over });

describe('implicit rejection (CESEDA R.432-1, R.432-2)', () => {
  it('arises four calendar months after completeness, clamped to the end of a shorter month', () => {
    expect(implicitRejectionOn('2026-04-01')).toBe('2026-08-01');
    expect(implicitRejectionOn('2026-10-31')).toBe('2027-02-28');
    expect(implicitRejectionOn('2027-10-31')).toBe('2028-02-29');
  });
  it('does not exist on a file never complete (a refusal to register, CE avis 494718)', () => {
    expect(implicitRejectionOn(null)).toBeNull();
  });
});

describe('rights at risk', () => {
  it('is null when continuity is assured: complete, on time, not blocked, undecided', () => {
    expect(rightsEndOn('under_review', renewal(), [])).toBeNull();
    expect(rightsEndOn('filed', renewal(), [])).toBeNull();
  });
  it('is the title expiry when the renewal was late, incomplete or the APRI blocked', () => {
    expect(rightsEndOn('filed', renewal({ filedOnTime: false }), [])).toBe('2026-07-31');
    expect(rightsEndOn('incomplete', renewal({ completedOn: null }), [])).toBe('2026-07-31');
    expect(rightsEndOn('under_review', renewal({ apriBlock: { ground: 'fraud_suspected', explanation: 'x' } }), [])).toBe('2026-07-31');
  });
  it('counts the APRIs already issued (a block keeps what was issued)', () => {
    const issued = [{ kind: 'apri' as const, validFrom: '2026-08-01', validTo: '2026-10-31' }];
    expect(rightsEndOn('under_review', renewal({ apriBlock: { ground: 'fraud_suspected', explanation: 'x' } }), issued)).toBe('2026-10-31');
  });
  it('is not tracked on a first application, nor once decided or withdrawn', () => {
    expect(rightsEndOn('filed', renewal({ procedure: 'first_application', filedOnTime: false }), [])).toBeNull();
    expect(rightsEndOn('decided', renewal({ filedOnTime: false }), [])).toBeNull();
    expect(rightsEndOn('withdrawn', renewal({ filedOnTime: false }), [])).toBeNull();
  });
});

describe('queue order', () => {
  it('is the earliest of rights end, implicit rejection and reply deadline', () => {
    expect(priorityOn(clock())).toBe('2026-08-01');
    expect(priorityOn(clock({ rightsEndOn: '2026-07-31' }))).toBe('2026-07-31');
    expect(priorityOn(clock({ documentsDueOn: '2026-05-15' }))).toBe('2026-05-15');
  });
  it('falls back on age (four months after filing) for a file with no clock', () => {
    expect(priorityOn(clock({ status: 'filed', completedOn: null }))).toBe('2026-08-01');
  });
  it('puts the person already without papers before every other file', () => {
    const lost = priorityOn(clock({ completedOn: null, status: 'incomplete', rightsEndOn: '2026-03-31', documentsDueOn: '2026-05-01' }))!;
    const soon = priorityOn(clock({ completedOn: '2026-01-10' }))!;
    expect(lost < soon).toBe(true);
  });
  it('is null for files out of the office’s hands', () => {
    for (const status of ['draft', 'decided', 'closed', 'withdrawn'] as const) expect(priorityOn(clock({ status }))).toBeNull();
  });
});

describe('badges', () => {
  const kinds = (f: QueueClockFacts, today: string) => riskBadges(f, today).map((b) => b.kind);
  it('"rights at risk" within 30 days of the last covered day, and after it', () => {
    expect(kinds(clock({ rightsEndOn: '2026-07-31' }), '2026-06-30')).toEqual([]);
    expect(riskBadges(clock({ rightsEndOn: '2026-07-31' }), '2026-07-02')).toEqual([{ kind: 'rights_at_risk', lastCoveredDay: '2026-07-31', daysLeft: 30 }]);
    expect(riskBadges(clock({ rightsEndOn: '2026-07-31' }), '2026-08-05')[0]).toMatchObject({ kind: 'rights_at_risk', daysLeft: -4 });
  });
  it('"implicit rejection in under 15 days", then "implicit rejection" once it arose', () => {
    expect(kinds(clock(), '2026-07-17')).toEqual([]);
    expect(riskBadges(clock(), '2026-07-18')).toEqual([{ kind: 'implicit_rejection_soon', on: '2026-08-01', daysLeft: 14 }]);
    expect(kinds(clock(), '2026-08-01')).toEqual(['implicit_rejection_passed']);
  });
  it('a reply deadline passed', () => {
    expect(kinds(clock({ status: 'incomplete', documentsDueOn: '2026-05-15' }), '2026-05-15')).toEqual([]);
    expect(kinds(clock({ status: 'incomplete', documentsDueOn: '2026-05-15' }), '2026-05-16')).toEqual(['documents_overdue']);
  });
  it('none on a decided file', () => {
    expect(kinds(clock({ status: 'decided', rightsEndOn: '2026-01-01' }), '2026-08-05')).toEqual([]);
  });
});

describe('appeal routes', () => {
  it('two months for each route of a refusal without OQTF; none for a favourable decision', () => {
    expect(appealRoutes({ outcome: 'unfavourable', withOqtf: false }).map((r) => [r.id, r.months])).toEqual([
      ['gracieux', 2],
      ['hierarchique', 2],
      ['contentieux', 2],
    ]);
    expect(appealRoutes({ outcome: 'favourable', withOqtf: false })).toEqual([]);
  });
  it('prints no figure it is not sure of with an OQTF: the OQTF decision states its own', () => {
    expect(appealRoutes({ outcome: 'unfavourable', withOqtf: true }).every((r) => r.months === null)).toBe(true);
  });
});
