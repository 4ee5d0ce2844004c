import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/legal-dates';
import { maxValidTo, planAttestations, supersededBy, uncoveredDays, type ExistingAttestation, type RenewalFacts } from './issuance-rules';

// A salarié whose card expires on 30 June 2026, filed on time (1 April) and complete at filing.
const base: RenewalFacts = {
  procedure: 'renewal',
  filedOn: '2026-04-01',
  filedOnTime: true,
  completedOn: '2026-04-01',
  titleExpiresOn: '2026-06-30',
  titleAllowsWork: true,
  comingTitleAllowsWork: true,
  decision: null,
  cardDeliveredOn: null,
  withdrawnOn: null,
  apriBlock: null,
};
const receipt: ExistingAttestation = { kind: 'receipt', validFrom: '2026-04-01', validTo: null };

describe('planAttestations', () => {
  it('issues the receipt at filing, once, for any procedure', () => {
    expect(planAttestations(base, [], '2026-04-01')).toEqual([{ kind: 'receipt', validFrom: '2026-04-01', validTo: null, allowsWork: false }]);
    expect(planAttestations(base, [receipt], '2026-04-01')).toEqual([]);
    expect(planAttestations({ ...base, procedure: 'other', titleExpiresOn: null }, [], '2026-04-03')).toEqual([{ kind: 'receipt', validFrom: '2026-04-01', validTo: null, allowsWork: false }]);
    expect(planAttestations({ ...base, filedOn: null }, [], '2026-04-03')).toEqual([]);
  });

  it('issues the first APRI 15 days before the title ends, starting the day after, for 3 months less a day, with the right to work', () => {
    expect(planAttestations(base, [receipt], '2026-06-14')).toEqual([]);
    expect(planAttestations(base, [receipt], '2026-06-15')).toEqual([{ kind: 'apri', validFrom: '2026-07-01', validTo: '2026-09-30', allowsWork: true }]);
    expect(planAttestations({ ...base, titleAllowsWork: false }, [receipt], '2026-06-15')[0]?.allowsWork).toBe(false);
  });

  it('renews the APRI the same way for as long as there is no decision', () => {
    const apri1: ExistingAttestation = { kind: 'apri', validFrom: '2026-07-01', validTo: '2026-09-30' };
    expect(planAttestations(base, [receipt, apri1], '2026-09-14')).toEqual([]);
    expect(planAttestations(base, [receipt, apri1], '2026-09-15')).toEqual([{ kind: 'apri', validFrom: '2026-10-01', validTo: '2026-12-31', allowsWork: true }]);
  });

  it('clamps 3 months to the end of a short month', () => {
    expect(maxValidTo('2026-11-30')).toBe('2027-02-27');
    expect(maxValidTo('2026-12-01')).toBe('2027-02-28');
    expect(maxValidTo('2027-11-30')).toBe('2028-02-28');
  });

  it('never backdates: after a downtime longer than the margin the APRI starts the day it is issued, and the gap shows', () => {
    const plan = planAttestations(base, [receipt], '2026-07-03');
    expect(plan).toEqual([{ kind: 'apri', validFrom: '2026-07-03', validTo: '2026-10-02', allowsWork: true }]);
    expect(uncoveredDays(base, [receipt, ...plan], '2026-07-10')).toEqual(['2026-07-01', '2026-07-02']);
  });

  it('owes no APRI to a late, incomplete, blocked, withdrawn or decided file, nor before completeness', () => {
    const day = '2026-06-20';
    expect(planAttestations({ ...base, filedOnTime: false }, [receipt], day)).toEqual([]);
    expect(planAttestations({ ...base, completedOn: null }, [receipt], day)).toEqual([]);
    expect(planAttestations({ ...base, completedOn: '2026-06-21' }, [receipt], day)).toEqual([]);
    expect(planAttestations({ ...base, apriBlock: { ground: 'fraud_suspected', explanation: 'x' } }, [receipt], day)).toEqual([]);
    expect(planAttestations({ ...base, withdrawnOn: '2026-05-01' }, [receipt], day)).toEqual([]);
    expect(planAttestations({ ...base, decision: { on: '2026-05-01', favourable: false } }, [receipt], day)).toEqual([]);
    expect(planAttestations({ ...base, procedure: 'first_application' }, [receipt], day)).toEqual([]);
  });

  it('after completeness on a later day, issues the APRI from that day on (not before)', () => {
    const late = { ...base, completedOn: '2026-07-10' };
    expect(planAttestations(late, [receipt], '2026-07-10')).toEqual([{ kind: 'apri', validFrom: '2026-07-10', validTo: '2026-10-09', allowsWork: true }]);
  });

  it('after a block is lifted, issues the APRI from the day it is lifted', () => {
    expect(planAttestations(base, [receipt], '2026-07-20')).toEqual([{ kind: 'apri', validFrom: '2026-07-20', validTo: '2026-10-19', allowsWork: true }]);
  });

  it('issues the ADF on the decision day, which supersedes every APRI still running or issued ahead', () => {
    const apri1: ExistingAttestation = { id: 'a1', kind: 'apri', validFrom: '2026-07-01', validTo: '2026-09-30' };
    const apri2: ExistingAttestation = { id: 'a2', kind: 'apri', validFrom: '2026-10-01', validTo: '2026-12-31' };
    const decided = { ...base, decision: { on: '2026-09-20', favourable: true } };
    const plan = planAttestations(decided, [receipt, apri1, apri2], '2026-09-20');
    expect(plan).toEqual([{ kind: 'adf', validFrom: '2026-09-20', validTo: '2026-12-19', allowsWork: true }]);
    expect(supersededBy(plan[0]!, [receipt, apri1, apri2]).map((a) => a.id)).toEqual(['a1', 'a2']);
    const after = [receipt, { ...apri1, supersededFrom: '2026-09-20' }, { ...apri2, supersededFrom: '2026-09-20' }, ...plan];
    expect(uncoveredDays(decided, after, '2026-12-19')).toEqual([]);
    expect(planAttestations(decided, after, '2026-09-21')).toEqual([]);
  });

  it('starts the ADF on the day of the run when the run comes after the decision (never backdated)', () => {
    const decided = { ...base, decision: { on: '2026-05-10', favourable: true } };
    expect(planAttestations(decided, [receipt], '2026-05-12')).toEqual([{ kind: 'adf', validFrom: '2026-05-12', validTo: '2026-08-11', allowsWork: true }]);
  });

  it('renews the ADF until the card is handed over, then stops', () => {
    const decided = { ...base, decision: { on: '2026-05-10', favourable: true } };
    const adf1: ExistingAttestation = { kind: 'adf', validFrom: '2026-05-10', validTo: '2026-08-09' };
    expect(planAttestations(decided, [receipt, adf1], '2026-07-24')).toEqual([]);
    expect(planAttestations(decided, [receipt, adf1], '2026-07-25')).toEqual([{ kind: 'adf', validFrom: '2026-08-10', validTo: '2026-11-09', allowsWork: true }]);
    expect(planAttestations({ ...decided, cardDeliveredOn: '2026-07-20' }, [receipt, adf1], '2026-07-25')).toEqual([]);
  });

  it('gives the ADF the rights of the coming title, for a first application too', () => {
    const first: RenewalFacts = { ...base, procedure: 'first_application', titleExpiresOn: null, filedOnTime: false, titleAllowsWork: false, comingTitleAllowsWork: false, decision: { on: '2026-05-10', favourable: true } };
    expect(planAttestations(first, [receipt], '2026-05-10')).toEqual([{ kind: 'adf', validFrom: '2026-05-10', validTo: '2026-08-09', allowsWork: false }]);
    expect(planAttestations({ ...first, procedure: 'other' }, [receipt], '2026-05-10')).toEqual([]);
  });
});

describe('uncoveredDays', () => {
  it('counts the days after the title with no attestation, up to the hand-over', () => {
    const apri: ExistingAttestation = { kind: 'apri', validFrom: '2026-07-03', validTo: '2026-10-02' };
    expect(uncoveredDays(base, [receipt, apri], '2026-07-05')).toEqual(['2026-07-01', '2026-07-02']);
    expect(uncoveredDays({ ...base, cardDeliveredOn: '2026-07-02' }, [receipt], '2026-07-10')).toEqual(['2026-07-01']);
  });

  it('stops counting a superseded attestation the day it was superseded', () => {
    const apri: ExistingAttestation = { kind: 'apri', validFrom: '2026-07-01', validTo: '2026-09-30', supersededFrom: '2026-08-01' };
    const days = uncoveredDays(base, [apri], '2026-09-30');
    expect(days[0]).toBe('2026-08-01');
    expect(days).toHaveLength(61);
    expect(days.at(-1)).toBe(addDays('2026-08-01', 60));
  });
});
