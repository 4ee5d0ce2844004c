import { describe, expect, it } from 'vitest';
import { createI18n } from '../../platform/i18n/catalogue';
import { forecastText } from './forecast-text';
import { continuousCover, nextProofForecast } from './forecast';
import type { ExistingAttestation, RenewalFacts } from './issuance-rules';

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
const apri1: ExistingAttestation = { kind: 'apri', validFrom: '2026-07-01', validTo: '2026-09-30' };
const i18n = createI18n();
const fr = (f: ReturnType<typeof nextProofForecast>) => forecastText(f, i18n.translator('fr'), 'fr');

describe('nextProofForecast', () => {
  it('before expiry: covered by the title, the APRI available 15 days before it ends', () => {
    const f = nextProofForecast(base, [receipt], '2026-04-02');
    expect(f).toEqual({ status: 'next', kind: 'apri', coveredBy: 'title', coveredUntil: '2026-06-30', availableOn: '2026-06-15', validFrom: '2026-07-01', dueNow: false });
    expect(fr(f)).toBe(
      "Votre titre de séjour actuel est valable jusqu'au 30 juin 2026. Votre prochaine attestation de prolongation d'instruction (APRI) sera disponible le 15 juin 2026 et valable à partir du 1er juillet 2026. Vous ne serez pas sans justificatif.",
    );
  });

  it('during the APRI: the next one, 15 days before it ends; due now on the day', () => {
    expect(nextProofForecast(base, [receipt, apri1], '2026-08-01')).toMatchObject({ kind: 'apri', coveredBy: 'apri', coveredUntil: '2026-09-30', availableOn: '2026-09-15', validFrom: '2026-10-01', dueNow: false });
    expect(nextProofForecast(base, [receipt, apri1], '2026-09-20')).toMatchObject({ availableOn: '2026-09-20', validFrom: '2026-10-01', dueNow: true });
  });

  it('after an outage that left a gap: says only what comes, from today', () => {
    const f = nextProofForecast(base, [receipt], '2026-07-03');
    expect(f).toMatchObject({ kind: 'apri', coveredUntil: '2026-06-30', availableOn: '2026-07-03', validFrom: '2026-07-03', dueNow: true });
    expect(fr(f)).toBe(
      "Votre prochaine attestation de prolongation d'instruction (APRI) est en cours de délivrance : elle sera disponible aujourd'hui et valable à partir du 3 juillet 2026. Vous ne serez pas sans justificatif.",
    );
  });

  it('after a favourable decision: the ADF now, then its renewals until the card', () => {
    const decided = { ...base, decision: { on: '2026-08-10', favourable: true } };
    expect(nextProofForecast(decided, [receipt, apri1], '2026-08-10')).toMatchObject({ kind: 'adf', coveredBy: 'apri', coveredUntil: '2026-09-30', availableOn: '2026-08-10', validFrom: '2026-08-10', dueNow: true });
    const adf: ExistingAttestation = { kind: 'adf', validFrom: '2026-08-10', validTo: '2026-11-09' };
    const f = nextProofForecast(decided, [receipt, { ...apri1, supersededFrom: '2026-08-10' }, adf], '2026-08-11');
    expect(f).toMatchObject({ kind: 'adf', coveredBy: 'adf', coveredUntil: '2026-11-09', availableOn: '2026-10-25', validFrom: '2026-11-10' });
    expect(fr(f)).toContain('Ces attestations se succèdent jusqu\'à la remise de votre carte.');
    expect(nextProofForecast({ ...decided, cardDeliveredOn: '2026-09-01' }, [receipt], '2026-09-02')).toEqual({ status: 'card_delivered', on: '2026-09-01' });
  });

  it('says why no APRI comes: late, incomplete, blocked, refused, withdrawn', () => {
    expect(nextProofForecast({ ...base, filedOnTime: false }, [receipt], '2026-06-20')).toEqual({ status: 'not_owed', reason: 'filed_late', coveredUntil: '2026-06-30' });
    expect(nextProofForecast({ ...base, completedOn: null }, [receipt], '2026-07-20')).toEqual({ status: 'not_owed', reason: 'incomplete', coveredUntil: null });
    const block = { ground: 'identity_unverified', explanation: 'Acte de naissance illisible, nouvel envoi demandé.' };
    const blocked = nextProofForecast({ ...base, apriBlock: block }, [receipt, apri1], '2026-09-20');
    expect(blocked).toEqual({ status: 'apri_blocked', block, coveredUntil: '2026-09-30' });
    expect(fr(blocked)).toBe(
      "La préfecture a suspendu la délivrance de votre attestation de prolongation d'instruction. Motif : identité ou nationalité non vérifiée. Explication de l'agent : Acte de naissance illisible, nouvel envoi demandé. Vos justificatifs actuels sont valables jusqu'au 30 septembre 2026.",
    );
    expect(nextProofForecast({ ...base, decision: { on: '2026-08-01', favourable: false } }, [receipt, apri1], '2026-08-02')).toMatchObject({ status: 'not_owed', reason: 'refused', coveredUntil: '2026-09-30' });
    expect(nextProofForecast({ ...base, withdrawnOn: '2026-05-01' }, [receipt], '2026-05-02')).toMatchObject({ status: 'not_owed', reason: 'withdrawn' });
    expect(nextProofForecast({ ...base, filedOn: null }, [], '2026-03-01')).toEqual({ status: 'not_filed' });
    expect(nextProofForecast({ ...base, procedure: 'first_application', titleExpiresOn: null }, [receipt], '2026-05-01')).toEqual({ status: 'awaiting_decision' });
    expect(nextProofForecast({ ...base, procedure: 'other', titleExpiresOn: null }, [receipt], '2026-05-01')).toEqual({ status: 'receipt_only' });
  });

  it('has a text in every language for every outcome', () => {
    const outcomes = [
      nextProofForecast(base, [receipt], '2026-04-02'),
      nextProofForecast({ ...base, filedOnTime: false }, [receipt], '2026-06-20'),
      nextProofForecast({ ...base, decision: { on: '2026-05-01', favourable: true }, cardDeliveredOn: '2026-06-01' }, [receipt], '2026-06-02'),
      nextProofForecast({ ...base, procedure: 'first_application' }, [receipt], '2026-05-01'),
      nextProofForecast({ ...base, procedure: 'other' }, [receipt], '2026-05-01'),
      nextProofForecast({ ...base, filedOn: null }, [], '2026-03-01'),
    ];
    for (const locale of ['fr', 'en'] as const) {
      for (const o of outcomes) {
        const text = forecastText(o, i18n.translator(locale), locale);
        expect(text, `${locale} ${o.status}`).not.toMatch(/attestations\.|\{|\}/);
        expect(text.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('continuousCover', () => {
  it('chains the title and the attestations in force from today, and stops at the first gap', () => {
    expect(continuousCover(base, [receipt, apri1, { kind: 'apri', validFrom: '2026-10-01', validTo: '2026-12-31' }], '2026-06-01')).toEqual({ until: '2026-12-31', by: 'apri' });
    expect(continuousCover(base, [receipt, { kind: 'apri', validFrom: '2026-07-03', validTo: '2026-10-02' }], '2026-06-01')).toEqual({ until: '2026-06-30', by: 'title' });
    expect(continuousCover(base, [receipt, { ...apri1, supersededFrom: '2026-08-01' }], '2026-07-15')).toEqual({ until: '2026-07-31', by: 'apri' });
    expect(continuousCover(base, [receipt], '2026-07-15')).toBeNull();
  });
});
