import { describe, expect, it } from 'vitest';
import { loadCatalogue, locales } from '../../src/platform/i18n/catalogue';
import { documentKinds } from '../../src/modules/documents/kinds';
import { uploadRefusals } from '../../src/modules/documents/inspect-upload';
import { procedures } from '../../src/modules/procedures/catalogue';

describe('document texts', () => {
  it('lists every kind a procedure can ask for', () => {
    for (const p of procedures) for (const d of p.documents) expect(documentKinds).toContain(d.id);
  });

  it.each(locales)('has a label, a hint and every refusal message in %s, and the same keys as French', (locale) => {
    const messages = loadCatalogue(locale);
    for (const kind of documentKinds) {
      expect(messages.get(`documents.kinds.${kind}`), kind).toBeTruthy();
      expect(messages.get(`documents.hints.${kind}`), kind).toBeTruthy();
    }
    for (const refusal of uploadRefusals) expect(messages.get(`documents.errors.${refusal}`), refusal).toBeTruthy();
    const keys = (m: Map<string, string>) => [...m.keys()].filter((k) => k.startsWith('documents.')).sort();
    expect(keys(messages)).toEqual(keys(loadCatalogue('fr')));
  });
});
