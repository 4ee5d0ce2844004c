import { describe, expect, it } from 'vitest';
import { findProcedure, procedures, requiredDocuments } from './catalogue';
import { titleCategories } from './types';

describe('procedure catalogue', () => {
  it('has a first application and a renewal for each temporary category, and resident renewal', () => {
    for (const c of titleCategories.filter((c) => c !== 'carte_resident')) {
      expect(findProcedure(`first_${c}`)?.kind).toBe('first_application');
      expect(findProcedure(`renewal_${c}`)?.kind).toBe('renewal');
    }
    expect(findProcedure('renewal_carte_resident')).toBeDefined();
    expect(findProcedure('first_carte_resident')).toBeUndefined();
    for (const id of ['vls_ts_validation', 'duplicate', 'change_of_situation']) expect(findProcedure(id)).toBeDefined();
  });

  it('has unique ids, and conditions that name one of the procedure’s own questions and answers', () => {
    expect(new Set(procedures.map((p) => p.id)).size).toBe(procedures.length);
    for (const p of procedures) {
      for (const d of p.documents) {
        if (!d.when) continue;
        const q = p.questions.find((x) => x.id === d.when!.question);
        expect(q, `${p.id}: ${d.id} depends on unknown question ${d.when.question}`).toBeDefined();
        const allowed = q!.type === 'yes_no' ? ['yes', 'no'] : (q!.options ?? []);
        expect(allowed, `${p.id}: ${d.id}`).toContain(d.when.equals);
      }
    }
  });

  it('asks conditional documents only for the answers that need them', () => {
    const salarie = findProcedure('renewal_salarie')!;
    expect(requiredDocuments(salarie, { same_employer: 'yes' })).not.toContain('work_authorisation');
    expect(requiredDocuments(salarie, { same_employer: 'no' })).toContain('work_authorisation');
    const duplicate = findProcedure('duplicate')!;
    expect(requiredDocuments(duplicate, { duplicate_reason: 'damaged' })).toEqual(['passport', 'proof_of_address', 'damaged_card']);
    expect(requiredDocuments(duplicate, { duplicate_reason: 'stolen' })).toContain('loss_or_theft_declaration');
  });

  it('charges students less and declares a change of situation for free', () => {
    expect(findProcedure('renewal_etudiant')!.fee!.amountCents).toBeLessThan(findProcedure('renewal_salarie')!.fee!.amountCents);
    expect(findProcedure('change_of_situation')!.fee).toBeNull();
  });
});
