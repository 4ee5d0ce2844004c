import bwipjs from 'bwip-js/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCodewords, encodeCodewords, encodeDataMatrix, encodeDataMatrixCodewords, readDataMatrix } from '../../src/modules/attestations/document/datamatrix';

const specimen =
  'DC04FR0000011CE91D231301FR6J26K92012020040123591236L010420206PAUTORISE A TRAVAILLER\u001d6Q750312052162SPECIMEN\u001d63BERTHIER SPECIMEN\u001d' +
  '60NATACHA/CORINNE\u001d68F69120719736ABUENOS AIRES\u001d6CAR67AR6U145 AVENUE DES SPECIMENS\u001d6W750006XPARIS\u001d6MENFANT ENTRE PAR REGROUPEMENT FAMILIAL\u001d' +
  '6N010520206O300620206YFR\u001fPJIX6XX3TPFYJTMI6IEIPDU5C5D2X4VBHZEEIC24WPW4I3XETZOGETCMU2J2DKLEGSJDDKYJXBTVBKKY5MPAKEOL2A4RZNIUFTHW44A';

/** bwip-js (the reference implementation, BWIPP) given the very same codewords. */
function bwipMatrix(codewords: number[]) {
  const text = codewords.map((c) => `^${String(c).padStart(3, '0')}`).join('');
  const [sym] = bwipjs.raw({ bcid: 'datamatrix', text, raw: true } as Parameters<typeof bwipjs.raw>[0]) as unknown as { pixs: number[]; pixx: number }[];
  return { size: sym!.pixx, dark: Uint8Array.from(sym!.pixs.map((p) => (p ? 1 : 0))) };
}

describe('DataMatrix encoder', () => {
  it('draws the 2D-Doc specimen module for module as bwip-js does, in a 64 × 64 symbol (C40)', () => {
    const codewords = encodeCodewords(specimen);
    const mine = encodeDataMatrix(specimen);
    expect(mine.size).toBe(64);
    expect(mine).toEqual(bwipMatrix(codewords));
    expect(decodeCodewords(readDataMatrix(mine))).toBe(specimen);
  });

  it('agrees with bwip-js in every square size, 10 × 10 to 132 × 132', () => {
    const sizes = new Set<number>();
    for (let length = 1; length <= 1900; length = Math.ceil(length * 1.12) + 1) {
      const text = Array.from({ length }, (_, i) => 'DC04 SE00/0001\u001d6PAUTORISE'[(i * 7) % 26]).join('');
      const mine = encodeDataMatrix(text);
      sizes.add(mine.size);
      expect(mine).toEqual(bwipMatrix(encodeCodewords(text)));
      expect(decodeCodewords(readDataMatrix(mine))).toBe(text);
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual([10, 12, 14, 16, 18, 20, 22, 24, 26, 32, 36, 40, 44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132]);
  });

  it('agrees with bwip-js and reads back for any ASCII text', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 600 });
    fc.assert(
      fc.property(ascii, (text) => {
        const codewords = encodeCodewords(text);
        const mine = encodeDataMatrix(text);
        expect(mine).toEqual(bwipMatrix(codewords));
        expect(decodeCodewords(readDataMatrix(mine))).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('packs 2D-Doc text in C40: about 2 codewords for 3 characters', () => {
    expect(encodeCodewords(specimen).length).toBeLessThan(specimen.length * 0.75);
    expect(encodeCodewords(specimen)[0]).toBe(230); // latch to C40
  });

  it('notices a changed module through the Reed-Solomon check', () => {
    const m = encodeDataMatrixCodewords(encodeCodewords('DC04SE000001'));
    const dark = m.dark.slice();
    dark[3 * m.size + 4] = dark[3 * m.size + 4] === 1 ? 0 : 1;
    expect(() => readDataMatrix({ size: m.size, dark })).toThrow(/error-correction/);
  });

  it('refuses text that is not ASCII', () => {
    expect(() => encodeDataMatrix('ÉLODIE')).toThrow(RangeError);
  });
});
