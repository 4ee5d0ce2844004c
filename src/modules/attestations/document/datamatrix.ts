/**
 * A DataMatrix ECC 200 encoder (ISO/IEC 16022), square symbols, for the 2D-Doc barcode.
 *
 * Why not bwip-js alone: its encoder (a PostScript port) takes 12–35 ms per 2D-Doc symbol, more
 * than the whole budget of one attestation PDF (≈100 per second). This one encodes the 2D-Doc
 * text in C40 (3 characters in 2 codewords, the set 2D-Doc was designed for) with an ASCII tail,
 * and takes well under a millisecond. Its output is checked module for module against bwip-js
 * (given the same codewords) in the tests.
 */

/** Square sizes: side, data codewords, error-correction codewords, interleaved blocks, data regions per side. */
const SYMBOLS: readonly { size: number; data: number; ecc: number; blocks: number; regions: number }[] = [
  { size: 10, data: 3, ecc: 5, blocks: 1, regions: 1 },
  { size: 12, data: 5, ecc: 7, blocks: 1, regions: 1 },
  { size: 14, data: 8, ecc: 10, blocks: 1, regions: 1 },
  { size: 16, data: 12, ecc: 12, blocks: 1, regions: 1 },
  { size: 18, data: 18, ecc: 14, blocks: 1, regions: 1 },
  { size: 20, data: 22, ecc: 18, blocks: 1, regions: 1 },
  { size: 22, data: 30, ecc: 20, blocks: 1, regions: 1 },
  { size: 24, data: 36, ecc: 24, blocks: 1, regions: 1 },
  { size: 26, data: 44, ecc: 28, blocks: 1, regions: 1 },
  { size: 32, data: 62, ecc: 36, blocks: 1, regions: 2 },
  { size: 36, data: 86, ecc: 42, blocks: 1, regions: 2 },
  { size: 40, data: 114, ecc: 48, blocks: 1, regions: 2 },
  { size: 44, data: 144, ecc: 56, blocks: 1, regions: 2 },
  { size: 48, data: 174, ecc: 68, blocks: 1, regions: 2 },
  { size: 52, data: 204, ecc: 84, blocks: 2, regions: 2 },
  { size: 64, data: 280, ecc: 112, blocks: 2, regions: 4 },
  { size: 72, data: 368, ecc: 144, blocks: 4, regions: 4 },
  { size: 80, data: 456, ecc: 192, blocks: 4, regions: 4 },
  { size: 88, data: 576, ecc: 224, blocks: 4, regions: 4 },
  { size: 96, data: 696, ecc: 272, blocks: 4, regions: 4 },
  { size: 104, data: 816, ecc: 336, blocks: 6, regions: 4 },
  { size: 120, data: 1050, ecc: 408, blocks: 6, regions: 6 },
  { size: 132, data: 1304, ecc: 496, blocks: 8, regions: 6 },
];

const LATCH_C40 = 230;
const UNLATCH = 254;
const PAD = 129;

/** A symbol: `size` × `size` modules, `dark[row * size + col]`, row 0 at the top. */
export interface DataMatrix {
  size: number;
  dark: Uint8Array;
}

/** The C40 values of one character (ISO/IEC 16022 §5.2.5): basic set, or a shift and a value. */
function c40Values(code: number): number[] {
  if (code === 32) return [3];
  if (code >= 48 && code <= 57) return [code - 44];
  if (code >= 65 && code <= 90) return [code - 51];
  if (code < 32) return [0, code];
  if (code >= 33 && code <= 47) return [1, code - 33];
  if (code >= 58 && code <= 64) return [1, code - 43];
  if (code >= 91 && code <= 95) return [1, code - 69];
  if (code >= 96 && code <= 127) return [2, code - 96];
  throw new RangeError('DataMatrix C40: only ASCII text is supported');
}

/** ASCII encodation: a pair of digits in one codeword, any other character as its code + 1. */
function asciiCodewords(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (a >= 48 && a <= 57 && b >= 48 && b <= 57) {
      out.push(130 + (a - 48) * 10 + (b - 48));
      i++;
    } else if (a < 128) {
      out.push(a + 1);
    } else {
      throw new RangeError('DataMatrix: only ASCII text is supported');
    }
  }
  return out;
}

/**
 * Data codewords for `text`: C40 for the longest prefix whose values fill whole triplets, then
 * an unlatch and the few remaining characters in ASCII. Always unlatching is allowed by the
 * standard and keeps the end-of-data rules simple (it costs at most one codeword).
 */
export function encodeCodewords(text: string): number[] {
  const values: number[] = [];
  let prefixChars = 0;
  let prefixValues = 0;
  for (let i = 0; i < text.length; i++) {
    values.push(...c40Values(text.charCodeAt(i)));
    if (values.length % 3 === 0) {
      prefixChars = i + 1;
      prefixValues = values.length;
    }
  }
  if (prefixChars < 6) return asciiCodewords(text); // C40 would not pay for its latch
  const out = [LATCH_C40];
  for (let i = 0; i < prefixValues; i += 3) {
    const v = 1600 * values[i]! + 40 * values[i + 1]! + values[i + 2]! + 1;
    out.push(v >> 8, v & 255);
  }
  out.push(UNLATCH, ...asciiCodewords(text.slice(prefixChars)));
  return out;
}

/** Reads data codewords back to text (C40 and ASCII, as written above); for tests and self-checks. */
export function decodeCodewords(codewords: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < codewords.length) {
    const cw = codewords[i++]!;
    if (cw === PAD) break;
    if (cw >= 1 && cw <= 128) out += String.fromCharCode(cw - 1);
    else if (cw >= 130 && cw <= 229) out += String(cw - 130).padStart(2, '0');
    else if (cw === LATCH_C40) {
      let shift = -1;
      while (i < codewords.length && codewords[i] !== UNLATCH) {
        const v = codewords[i]! * 256 + codewords[i + 1]! - 1;
        i += 2;
        for (const c of [Math.floor(v / 1600), Math.floor(v / 40) % 40, v % 40]) {
          if (shift === -1 && c <= 2) {
            shift = c;
            continue;
          }
          if (shift === 0) out += String.fromCharCode(c);
          else if (shift === 1) out += String.fromCharCode(c <= 14 ? c + 33 : c <= 21 ? c + 43 : c + 69);
          else if (shift === 2) out += String.fromCharCode(c + 96);
          else out += c === 3 ? ' ' : c <= 13 ? String.fromCharCode(c + 44) : String.fromCharCode(c + 51);
          shift = -1;
        }
      }
      i++; // the unlatch
    } else throw new SyntaxError(`unsupported DataMatrix codeword ${cw}`);
  }
  return out;
}

// GF(256) with the DataMatrix polynomial x^8 + x^5 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 256) x ^= 0x12d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}
const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!);

const generators = new Map<number, Uint8Array>();
/** Coefficients of (x − α)(x − α²)…(x − αⁿ), highest degree first, leading 1 dropped. */
function generator(n: number): Uint8Array {
  let g = generators.get(n);
  if (g) return g;
  let poly = [1];
  for (let i = 1; i <= n; i++) {
    const next = new Array<number>(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j++) {
      next[j]! ^= poly[j]!;
      next[j + 1]! ^= mul(poly[j]!, EXP[i]!);
    }
    poly = next;
  }
  g = Uint8Array.from(poly.slice(1));
  generators.set(n, g);
  return g;
}

/** Reed-Solomon remainder of `data` for `n` check codewords. */
export function reedSolomon(data: readonly number[], n: number): number[] {
  const g = generator(n);
  const rem = new Array<number>(n).fill(0);
  for (const d of data) {
    const factor = d ^ rem[0]!;
    rem.shift();
    rem.push(0);
    for (let j = 0; j < n; j++) rem[j]! ^= mul(g[j]!, factor);
  }
  return rem;
}

/** Pads the data to capacity (ISO/IEC 16022 §5.2.3: 129, then the 253-state pseudo-random pad). */
function pad(codewords: number[], capacity: number): number[] {
  const out = codewords.slice();
  if (out.length < capacity) out.push(PAD);
  while (out.length < capacity) {
    const r = ((149 * (out.length + 1)) % 253) + 1;
    out.push(PAD + r > 254 ? PAD + r - 254 : PAD + r);
  }
  return out;
}

/** Data and check codewords interleaved over the symbol's blocks, in placement order. */
function withErrorCorrection(data: number[], symbol: (typeof SYMBOLS)[number]): number[] {
  const { blocks } = symbol;
  const eccPerBlock = symbol.ecc / blocks;
  const all = data.slice();
  for (let b = 0; b < blocks; b++) {
    const blockData = data.filter((_, i) => i % blocks === b);
    reedSolomon(blockData, eccPerBlock).forEach((e, j) => (all[data.length + j * blocks + b] = e));
  }
  return all;
}

const placements = new Map<number, Int32Array>();
/**
 * The "utah" placement of ISO/IEC 16022 Annex F over the data area (`n` × `n`, finder
 * patterns excluded): for each module, codeword index × 8 + bit (0 = most significant), or
 * −1 for a fixed light module and −2 for a fixed dark one (the corner filler).
 */
export function placement(n: number): Int32Array {
  let map = placements.get(n);
  if (map) return map;
  const grid = new Int32Array(n * n).fill(-3);
  const module = (row: number, col: number, cw: number, bit: number) => {
    if (row < 0) {
      row += n;
      col += 4 - ((n + 4) % 8);
    }
    if (col < 0) {
      col += n;
      row += 4 - ((n + 4) % 8);
    }
    grid[row * n + col] = cw * 8 + bit;
  };
  const utah = (row: number, col: number, cw: number) => {
    const spots = [
      [row - 2, col - 2],
      [row - 2, col - 1],
      [row - 1, col - 2],
      [row - 1, col - 1],
      [row - 1, col],
      [row, col - 2],
      [row, col - 1],
      [row, col],
    ];
    spots.forEach(([r, c], bit) => module(r!, c!, cw, bit));
  };
  const corner = (spots: number[][], cw: number) => spots.forEach(([r, c], bit) => module(r!, c!, cw, bit));
  let cw = 0;
  let row = 4;
  let col = 0;
  do {
    if (row === n && col === 0) corner([[n - 1, 0], [n - 1, 1], [n - 1, 2], [0, n - 2], [0, n - 1], [1, n - 1], [2, n - 1], [3, n - 1]], cw++);
    if (row === n - 2 && col === 0 && n % 4 !== 0) corner([[n - 3, 0], [n - 2, 0], [n - 1, 0], [0, n - 4], [0, n - 3], [0, n - 2], [0, n - 1], [1, n - 1]], cw++);
    if (row === n - 2 && col === 0 && n % 8 === 4) corner([[n - 3, 0], [n - 2, 0], [n - 1, 0], [0, n - 2], [0, n - 1], [1, n - 1], [2, n - 1], [3, n - 1]], cw++);
    if (row === n + 4 && col === 2 && n % 8 === 0) corner([[n - 1, 0], [n - 1, n - 1], [0, n - 3], [0, n - 2], [0, n - 1], [1, n - 3], [1, n - 2], [1, n - 1]], cw++);
    do {
      if (row < n && col >= 0 && grid[row * n + col] === -3) utah(row, col, cw++);
      row -= 2;
      col += 2;
    } while (row >= 0 && col < n);
    row += 1;
    col += 3;
    do {
      if (row >= 0 && col < n && grid[row * n + col] === -3) utah(row, col, cw++);
      row += 2;
      col -= 2;
    } while (row < n && col >= 0);
    row += 3;
    col += 1;
  } while (row < n || col < n);
  // Sizes whose area is not a multiple of 8 leave a 2×2 corner: fixed dark/light checkerboard.
  if (grid[n * n - 1] === -3) {
    grid[n * n - 1] = -2;
    grid[n * n - n - 2] = -2;
    grid[n * n - 2] = -1;
    grid[n * n - n - 1] = -1;
  }
  map = grid;
  placements.set(n, map);
  return map;
}

function symbolFor(dataLength: number) {
  const symbol = SYMBOLS.find((s) => s.data >= dataLength);
  if (!symbol) throw new RangeError(`DataMatrix: ${dataLength} codewords do not fit the largest supported symbol`);
  return symbol;
}

/** Encodes data codewords (as given, padded to the smallest square symbol that holds them). */
export function encodeDataMatrixCodewords(data: readonly number[]): DataMatrix {
  const symbol = symbolFor(data.length);
  const codewords = withErrorCorrection(pad(data.slice(), symbol.data), symbol);
  const { size, regions } = symbol;
  const region = size / regions - 2;
  const n = region * regions;
  const map = placement(n);
  const dark = new Uint8Array(size * size);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = map[r * n + c]!;
      const on = v === -2 || (v >= 0 && (codewords[v >> 3]! >> (7 - (v & 7))) & 1);
      if (!on) continue;
      const row = Math.floor(r / region) * (region + 2) + 1 + (r % region);
      const col = Math.floor(c / region) * (region + 2) + 1 + (c % region);
      dark[row * size + col] = 1;
    }
  }
  // Finder and clock patterns around each data region: solid left and bottom, alternating top and right.
  const box = region + 2;
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < regions; k++) {
      const top = k * box;
      const bottom = top + box - 1;
      const left = k * box;
      const right = left + box - 1;
      dark[i * size + left] = 1;
      dark[bottom * size + i] = 1;
      if (i % 2 === 0) dark[top * size + i] = 1;
      if (i % 2 === 1) dark[i * size + right] = 1;
    }
  }
  return { size, dark };
}

/** The DataMatrix of a text (2D-Doc: ASCII with control separators). */
export function encodeDataMatrix(text: string): DataMatrix {
  return encodeDataMatrixCodewords(encodeCodewords(text));
}

/**
 * Reads the data codewords back from a symbol's modules (no error correction: for a symbol
 * read from our own drawing, where every module is exact). Checks the Reed-Solomon remainder.
 */
export function readDataMatrix(m: DataMatrix): number[] {
  const symbol = SYMBOLS.find((s) => s.size === m.size);
  if (!symbol) throw new SyntaxError(`no square DataMatrix of size ${m.size}`);
  const { size, regions } = symbol;
  const region = size / regions - 2;
  const n = region * regions;
  const map = placement(n);
  const codewords = new Array<number>(symbol.data + symbol.ecc).fill(0);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = map[r * n + c]!;
      if (v < 0) continue;
      const row = Math.floor(r / region) * (region + 2) + 1 + (r % region);
      const col = Math.floor(c / region) * (region + 2) + 1 + (c % region);
      if (m.dark[row * size + col]) codewords[v >> 3]! |= 1 << (7 - (v & 7));
    }
  }
  const data = codewords.slice(0, symbol.data);
  const expected = withErrorCorrection(data, symbol);
  if (expected.some((cw, i) => cw !== codewords[i])) throw new SyntaxError('DataMatrix error-correction codewords do not match');
  return data;
}
