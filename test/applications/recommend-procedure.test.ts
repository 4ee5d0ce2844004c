import { describe, expect, it } from 'vitest';
import { recommendProcedure, type RecommendationAnswers } from '../../src/modules/applications/recommend-procedure';
import { parseHolderStatus, parseRecommendationDetails, recommendationValuesFromProfile } from '../../src/modules/applications/recommendation-form';
import { procedures } from '../../src/modules/procedures/catalogue';
import { titleCategories } from '../../src/modules/procedures/types';
import { emptyProfile } from '../../src/modules/profile/fields';

const today = '2026-03-10';
/** Far from expiry: the renewal window (day −120) opens on 2 September 2026. */
const farExpiry = '2026-12-31';
/** In the window: it opened on 2 March 2026 and closes on 1 May 2026. */
const soonExpiry = '2026-06-30';

const holder = (category: (typeof titleCategories)[number], expiresOn: string, more: Partial<Extract<RecommendationAnswers, { status: 'permit' }>> = {}): RecommendationAnswers => ({
  status: 'permit',
  category,
  expiresOn,
  cardProblem: 'none',
  change: 'none',
  ...more,
});

/** One situation per procedure of the catalogue, and the procedure it must lead to. */
const cases: [string, RecommendationAnswers, string][] = [
  ...(['salarie', 'travailleur_temporaire', 'etudiant', 'vie_privee_familiale', 'visiteur', 'passeport_talent'] as const).map(
    (c): [string, RecommendationAnswers, string] => [`no papers, wants ${c}`, { status: 'none', wantedCategory: c }, `first_${c}`],
  ),
  ...titleCategories.map((c): [string, RecommendationAnswers, string] => [`${c} card in its renewal window`, holder(c, soonExpiry), `renewal_${c}`]),
  ['arrived with a VLS-TS not validated yet', { status: 'vls_ts', validated: false }, 'vls_ts_validation'],
  ['lost card, renewal far away', holder('salarie', farExpiry, { cardProblem: 'lost' }), 'duplicate'],
  ['moved, renewal far away', holder('etudiant', farExpiry, { change: 'address' }), 'change_of_situation'],
];

describe('recommendProcedure', () => {
  it.each(cases)('%s → the right procedure', (_name, answers, expected) => {
    expect(recommendProcedure(answers, today).procedureId).toBe(expected);
  });

  it('has a situation leading to every procedure of the catalogue', () => {
    const reached = new Set(cases.map(([, answers]) => recommendProcedure(answers, today).procedureId));
    expect([...reached].sort()).toEqual(procedures.map((p) => p.id).sort());
  });

  it('recommends only procedures that exist, for every combination of answers', () => {
    const ids = new Set(procedures.map((p) => p.id));
    for (const category of titleCategories) {
      for (const expiresOn of ['2025-12-01', '2026-04-01', soonExpiry, farExpiry]) {
        for (const cardProblem of ['none', 'lost', 'stolen', 'damaged'] as const) {
          for (const change of ['none', 'address', 'civil_status', 'family_situation'] as const) {
            const r = recommendProcedure(holder(category, expiresOn, { cardProblem, change }), today);
            expect(ids.has(r.procedureId), r.procedureId).toBe(true);
            expect(r.reasons.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });

  it('explains a renewal with the dates of its window', () => {
    expect(recommendProcedure(holder('salarie', farExpiry), today).reasons).toEqual([
      { key: 'applications.recommend.renewal_too_early', dates: { opensOn: '2026-09-02', closesOn: '2026-11-01' } },
    ]);
    expect(recommendProcedure(holder('salarie', soonExpiry), today).reasons[0]).toEqual({ key: 'applications.recommend.renewal_open', dates: { closesOn: '2026-05-01' } });
    expect(recommendProcedure(holder('salarie', '2026-04-01'), today).reasons[0]?.key).toBe('applications.recommend.renewal_late');
    expect(recommendProcedure(holder('salarie', '2026-03-09'), today).reasons[0]).toEqual({ key: 'applications.recommend.renewal_expired', dates: { expiresOn: '2026-03-09' } });
  });

  it('replaces a lost card by its renewal once the window is open, and by a duplicate before', () => {
    const before = recommendProcedure(holder('salarie', farExpiry, { cardProblem: 'stolen' }), today);
    expect(before).toMatchObject({ procedureId: 'duplicate', situation: { duplicate_reason: 'stolen' } });
    const during = recommendProcedure(holder('salarie', soonExpiry, { cardProblem: 'stolen' }), today);
    expect(during.procedureId).toBe('renewal_salarie');
    expect(during.reasons[0]?.key).toBe('applications.recommend.renew_instead_of_duplicate_stolen');
  });

  it('declares a move on its own before the window, and carries it in the renewal during it', () => {
    expect(recommendProcedure(holder('visiteur', farExpiry, { change: 'civil_status' }), today)).toMatchObject({
      procedureId: 'change_of_situation',
      situation: { change_kind: 'civil_status' },
    });
    expect(recommendProcedure(holder('visiteur', soonExpiry, { change: 'address' }), today).reasons[0]?.key).toBe('applications.recommend.renew_with_change_address');
  });

  it('sends a validated VLS-TS holder to a first card of their category', () => {
    expect(recommendProcedure({ status: 'vls_ts', validated: true, wantedCategory: 'etudiant' }, today)).toMatchObject({
      procedureId: 'first_etudiant',
      reasons: [{ key: 'applications.recommend.after_vls_ts' }],
    });
  });
});

describe('the questions before the recommendation', () => {
  it('requires the questions of the chosen branch only', () => {
    expect(parseHolderStatus({ status: 'martian' })).toMatchObject({ ok: false, errors: { status: { key: 'validation.choose_option' } } });
    const permit = parseRecommendationDetails('permit', { category: 'salarie' }, today);
    expect(permit.ok).toBe(false);
    if (!permit.ok) expect(Object.keys(permit.errors)).toEqual(['expires_on', 'card_problem', 'change']);
    expect(parseRecommendationDetails('vls_ts', { validated: 'no' }, today).ok).toBe(true);
    const validated = parseRecommendationDetails('vls_ts', { validated: 'yes' }, today);
    expect(validated.ok ? null : validated.errors).toEqual({ wanted_category: { key: 'validation.choose_option' } });
    expect(parseRecommendationDetails('none', { wanted_category: 'carte_resident' }, today).ok).toBe(false);
  });

  it('refuses dates that do not exist or cannot be a card’s expiry, keeping what was typed', () => {
    const base = { category: 'salarie', card_problem: 'none', change: 'none' };
    const wrong = parseRecommendationDetails('permit', { ...base, 'expires_on-day': '31', 'expires_on-month': '2', 'expires_on-year': '2026' }, today);
    expect(wrong).toMatchObject({ ok: false, errors: { expires_on: { key: 'applications.errors.date_invalid' } }, values: { 'expires_on-day': '31' } });
    const far = parseRecommendationDetails('permit', { ...base, 'expires_on-day': '1', 'expires_on-month': '1', 'expires_on-year': '2090' }, today);
    expect(far).toMatchObject({ ok: false, errors: { expires_on: { key: 'applications.errors.permit_expiry_implausible' } } });
    const ok = parseRecommendationDetails('permit', { ...base, 'expires_on-day': '1', 'expires_on-month': '7', 'expires_on-year': '2026' }, today);
    expect(ok).toMatchObject({ ok: true, answers: { expiresOn: '2026-07-01' } });
  });

  it('starts from what the profile says', () => {
    const profile = { ...emptyProfile(), permitCategory: 'student', permitExpiresOn: '2026-09-30' };
    expect(recommendationValuesFromProfile(profile)).toEqual({ status: 'permit', category: 'etudiant', 'expires_on-day': '30', 'expires_on-month': '09', 'expires_on-year': '2026' });
    expect(recommendationValuesFromProfile({ ...emptyProfile(), permitCategory: 'long_stay_visa' }).status).toBe('vls_ts');
  });
});
