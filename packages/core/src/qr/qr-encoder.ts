/**
 * A compact QR code encoder (ISO/IEC 18004), for `qr-code.ts`: byte mode only, levels M and Q,
 * versions 1 to 40, the smallest version that holds the data. No dependency.
 *
 * Its modules are those qrcode-generator (the library it replaces) draws for the same bytes and
 * level, mask included: the mask is chosen by qrcode-generator's penalty, which is not quite the
 * standard's (see `penalty`), so that the codes already printed and screenshotted stay the same.
 * `qr-code.test.ts` compares both, module by module, on a few hundred texts.
 */

/** Error correction codewords per block, versions 1 to 40: level M, then level Q. */
const EC_PER_BLOCK = [
  [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28,
  ],
  [
    13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30,
    30, 30, 30, 30, 30, 30,
  ],
];
/** Error correction blocks, versions 1 to 40: level M, then level Q. */
const BLOCKS = [
  [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43,
    45, 47, 49,
  ],
  [
    1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59,
    62, 65, 68,
  ],
];

/** Whether mask `k` flips the module at (`r`, `c`). */
const MASKS: ((r: number, c: number) => boolean)[] = [
  (r, c) => (r + c) % 2 == 0,
  (r) => r % 2 == 0,
  (_, c) => c % 3 == 0,
  (r, c) => (r + c) % 3 == 0,
  (r, c) => ((r >> 1) + ((c / 3) | 0)) % 2 == 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) == 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 == 0,
  (r, c) => (((r * c) % 3) + ((r + c) % 2)) % 2 == 0,
];

/** Product in GF(256) modulo x⁸ + x⁴ + x³ + x² + 1. */
function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >> 7) * 0x11d);
    z ^= ((y >> i) & 1) * x;
  }
  return z;
}

/** `data` followed by its `count`-bit BCH check: the remainder of `data` × x^count by `poly`. */
function bch(data: number, count: number, poly: number): number {
  let rem = data;
  for (let i = 0; i < count; i++) rem = (rem << 1) ^ ((rem >> (count - 1)) * poly);
  return (data << count) | rem;
}

/**
 * The modules of the QR code of `data` (bytes, in byte mode) at error correction `level`:
 * `modules[row][column]`, true for dark, without the quiet zone. Throws when the data does not
 * fit in a version 40 code.
 */
export function encodeQr(data: Uint8Array, level: 'M' | 'Q'): boolean[][] {
  const q = +(level == 'Q');
  // The smallest version that holds the mode (4 bits), the length (8 bits up to version 9, then
  // 16) and the bytes: 2 or 3 codewords more than the bytes.
  let version = 0;
  let raw: number;
  let ec: number;
  let blocks: number;
  let align: number;
  do {
    if (++version > 40) throw new Error(`QR code: ${data.length} bytes are more than a version 40 code holds at level ${level}`);
    align = version < 2 ? 0 : ((version / 7) | 0) + 2;
    // Codewords: the modules left by the function patterns, over 8.
    raw = ((16 * version + 128) * version + 64 - (align && (25 * align - 10) * align - 55) - (version < 7 ? 0 : 36)) >> 3;
    ec = EC_PER_BLOCK[q]![version - 1]!;
    blocks = BLOCKS[q]![version - 1]!;
  } while (data.length + (version < 10 ? 2 : 3) > raw - ec * blocks);
  const size = version * 4 + 17;

  // The data codewords: mode 0100, length, bytes, terminator 0000, then padding 0xEC 0x11….
  const bits: number[] = [];
  const put = (value: number, count: number) => {
    for (let i = count; i--;) bits.push((value >> i) & 1);
  };
  put(4, 4);
  put(data.length, version < 10 ? 8 : 16);
  for (const b of data) put(b, 8);
  put(0, 4);
  const dataCodewords = raw - ec * blocks;
  for (let pad = 0xec; bits.length < dataCodewords * 8; pad ^= 0xfd) put(pad, 8);

  // Reed–Solomon: the generator polynomial (x − α⁰)…(x − α^(ec−1)), highest term (1) left out.
  const divisor = Array<number>(ec).fill(0);
  divisor[ec - 1] = 1;
  for (let i = 0, root = 1; i < ec; i++, root = gfMul(root, 2)) {
    for (let j = 0; j < ec; j++) divisor[j] = gfMul(divisor[j]!, root) ^ (divisor[j + 1] ?? 0);
  }
  // Blocks: the short ones first, the long ones one data codeword longer; each with its
  // remainder. Then interleaved: data codewords column by column, then error correction.
  const short = blocks - (raw % blocks);
  const shortData = ((raw / blocks) | 0) - ec;
  const dataBlocks: number[][] = [];
  const ecBlocks: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const block: number[] = [];
    for (let j = shortData + +(i >= short); j--; k += 8) block.push(parseInt(bits.slice(k, k + 8).join(''), 2));
    const rem = Array<number>(ec).fill(0);
    for (const b of block) {
      const factor = b ^ rem.shift()!;
      rem.push(0);
      divisor.forEach((d, j) => (rem[j]! ^= gfMul(d, factor)));
    }
    dataBlocks.push(block);
    ecBlocks.push(rem);
  }
  const codewords: number[] = [];
  for (const group of [dataBlocks, ecBlocks]) {
    for (let j = 0; j <= shortData + ec; j++) for (const block of group) if (j < block.length) codewords.push(block[j]!);
  }

  // Function patterns, in qrcode-generator's order; -1 for the modules left to the data. The
  // format and version information (and the dark module) are light for now, as when
  // qrcode-generator scores the masks.
  const base: number[] = Array<number>(size * size).fill(-1);
  const set = (r: number, c: number, dark: boolean | number) => (base[r * size + c] = +dark);
  // Finder patterns and their light separators: dark at a distance (the larger of the row's and
  // the column's) of 0, 1 or 3 modules from the centre.
  for (const [r0, c0] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ]) {
    for (let i = -1; i < 8; i++) {
      for (let j = -1; j < 8; j++) {
        const d = Math.max(Math.abs(i - 3), Math.abs(j - 3));
        if (r0! + i >= 0 && r0! + i < size && c0! + j >= 0 && c0! + j < size) set(r0! + i, c0! + j, d < 2 || d == 3);
      }
    }
  }
  // Alignment patterns: at each pair of centres, unless on a finder pattern.
  const centres = [6];
  const step = (((version * 8 + align * 3 + 5) / (align * 4 - 4)) | 0) * 2;
  for (let pos = size - 7; centres.length < align; pos -= step) centres.splice(1, 0, pos);
  for (const r of centres) {
    for (const c of centres) {
      if (base[r * size + c]! < 0) {
        for (let i = -2; i < 3; i++) for (let j = -2; j < 3; j++) set(r + i, c + j, Math.max(Math.abs(i), Math.abs(j)) != 1);
      }
    }
  }
  // Timing patterns, between the finder patterns.
  for (let i = 8; i < size - 8; i++) {
    if (base[i * size + 6]! < 0) set(i, 6, i % 2 == 0);
    if (base[6 * size + i]! < 0) set(6, i, i % 2 == 0);
  }
  // Format information (bit i of 15), the dark module (light while `format` is 0), then version
  // information (bit i of 18), in place.
  const info = (m: number[], format: number, versionBits: number) => {
    for (let i = 0; i < 15; i++) {
      const bit = (format >> i) & 1;
      m[(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i) * size + 8] = bit;
      m[8 * size + (i < 8 ? size - i - 1 : i < 9 ? 7 : 14 - i)] = bit;
    }
    m[(size - 8) * size + 8] = +!!format;
    if (version > 6) {
      for (let i = 0; i < 18; i++) {
        const bit = (versionBits >> i) & 1;
        m[((i / 3) | 0) * size + (i % 3) + size - 11] = bit;
        m[((i % 3) + size - 11) * size + ((i / 3) | 0)] = bit;
      }
    }
  };
  info(base, 0, 0);

  // The data modules, in the zigzag of two-module columns from the bottom right corner.
  const order: number[] = [];
  for (let col = size - 1, up = true; col > 0; col -= 2, up = !up) {
    if (col == 6) col--;
    for (let k = 0; k < size; k++) {
      for (let c = 0; c < 2; c++) {
        const i = (up ? size - 1 - k : k) * size + col - c;
        if (base[i]! < 0) order.push(i);
      }
    }
  }
  const masked = (mask: number) => {
    const m = base.slice();
    order.forEach((i, k) => {
      const bit = k < codewords.length * 8 ? (codewords[k >> 3]! >> (7 - (k & 7))) & 1 : 0;
      m[i] = bit ^ +MASKS[mask]!((i / size) | 0, i % size);
    });
    return m;
  };

  // The mask with the lowest penalty (the first one on a tie).
  let best = 0;
  let lowest = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const p = penalty(masked(mask), size);
    if (p < lowest) {
      lowest = p;
      best = mask;
    }
  }
  const m = masked(best);
  // Format: the level's two bits (M 00, Q 11) and the mask, BCH(15,5), XOR 101010000010010.
  info(m, bch(((q * 3) << 3) | best, 10, 0x537) ^ 0x5412, bch(version, 12, 0x1f25));
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => m[r * size + c] == 1));
}

/** The pattern of rule 3: dark, light, dark, dark, dark, light, dark. */
const FINDER_LIKE = [1, 0, 1, 1, 1, 0, 1];

/**
 * qrcode-generator's penalty of a masked matrix (`getLostPoint`), which is not the standard's:
 * rule 1 scores each module with more than 5 of its 8 neighbours of its colour (3 + the excess)
 * instead of runs of 5 or more in a row or column; rule 3 scores 1:1:3:1:1 without looking for
 * the 4 light modules on either side; rule 4 scores the dark share's distance to 50 % by 10 per
 * 5 %, unrounded. Rule 2 (each 2×2 block of one colour, 3) is the standard's. Computed in the
 * same order, to tie where it ties.
 */
function penalty(m: number[], size: number): number {
  let p = 0;
  let dark = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      let same = 0;
      for (let dr = -1; dr < 2; dr++) {
        for (let dc = -1; dc < 2; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if ((dr || dc) && rr >= 0 && rr < size && cc >= 0 && cc < size && m[rr * size + cc] == m[i]) same++;
        }
      }
      if (same > 5) p += same - 2;
      if (r < size - 1 && c < size - 1 && (m[i]! + m[i + 1]! + m[i + size]! + m[i + size + 1]!) % 4 == 0) p += 3;
      if (c < size - 6 && FINDER_LIKE.every((v, k) => m[i + k] == v)) p += 40;
      if (r < size - 6 && FINDER_LIKE.every((v, k) => m[i + k * size] == v)) p += 40;
      dark += m[i]!;
    }
  }
  return p + (Math.abs((100 * dark) / size / size - 50) / 5) * 10;
}
