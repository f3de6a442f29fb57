#include "CSVRows.h"
#include "Vectors.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Simple rows of instances.csv (see CSVRows.h): the bytes that end a field
// are found 64 at a time with AVX2 and kept as a bit mask for the row's next
// fields (8 at a time in plain C); ids and scores are parsed on the spot,
// texts copied, known class and category values coded, and the other fields
// returned as ranges.

static inline int isSpecial(uint8_t byte) { return byte == ',' || byte == '\n' || byte == '\r' || byte == '"'; }

/// A byte of `word` equal to `byte`: nonzero, its lowest flagged byte a true match.
static inline uint64_t matches(uint64_t word, uint8_t byte) {
  uint64_t x = word ^ (0x0101010101010101ull * byte);
  return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
}

/// The first offset at or after p holding a comma, a line break or a quote (count if none).
static inline long findSpecial_portable(const uint8_t *b, long p, long count) {
  for (; p + 8 <= count; p += 8) {
    uint64_t w;
    memcpy(&w, b + p, 8);
    uint64_t found = matches(w, ',') | matches(w, '\n') | matches(w, '\r') | matches(w, '"');
    if (found) return p + __builtin_ctzll(found) / 8;
  }
  while (p < count && !isSpecial(b[p])) p++;
  return p;
}

/// findSpecial_portable with the signature of findSpecialCached_avx2 (no cache).
static inline long findSpecialCached_portable(const uint8_t *b, long p, long count, long *blockStart,
                                              uint64_t *blockMask) {
  (void)blockStart;
  (void)blockMask;
  return findSpecial_portable(b, p, count);
}

/// The first offset at or after p holding a quote (count if none).
static inline long findQuote_portable(const uint8_t *b, long p, long count) {
  for (; p + 8 <= count; p += 8) {
    uint64_t w;
    memcpy(&w, b + p, 8);
    uint64_t found = matches(w, '"');
    if (found) return p + __builtin_ctzll(found) / 8;
  }
  while (p < count && b[p] != '"') p++;
  return p;
}

#if defined(__x86_64__)
/// findSpecial_portable, 64 bytes at a time, for a cursor that moves forward
/// through rows: the specials of the 64 bytes from *blockStart are kept as
/// bits in *blockMask, so that each of a row's short fields costs a shift and
/// a bit scan.
__attribute__((target("avx2"))) static inline long findSpecialCached_avx2(const uint8_t *b, long p, long count,
                                                                          long *blockStart, uint64_t *blockMask) {
  const __m256i comma = _mm256_set1_epi8(','), lf = _mm256_set1_epi8('\n');
  const __m256i cr = _mm256_set1_epi8('\r'), quote = _mm256_set1_epi8('"');
  for (;;) {
    long offset = p - *blockStart;
    if (offset >= 0 && offset < 64) {
      uint64_t rest = *blockMask >> offset;
      if (rest) return p + __builtin_ctzll(rest);
      p = *blockStart + 64;
    }
    if (p + 64 > count) return findSpecial_portable(b, p, count);
    __m256i low = _mm256_loadu_si256((const __m256i *)(b + p));
    __m256i high = _mm256_loadu_si256((const __m256i *)(b + p + 32));
    __m256i lowFound = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(low, comma), _mm256_cmpeq_epi8(low, lf)),
                                       _mm256_or_si256(_mm256_cmpeq_epi8(low, cr), _mm256_cmpeq_epi8(low, quote)));
    __m256i highFound = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(high, comma), _mm256_cmpeq_epi8(high, lf)),
                                        _mm256_or_si256(_mm256_cmpeq_epi8(high, cr), _mm256_cmpeq_epi8(high, quote)));
    *blockStart = p;
    *blockMask = (uint64_t)(unsigned)_mm256_movemask_epi8(lowFound) |
                 ((uint64_t)(unsigned)_mm256_movemask_epi8(highFound) << 32);
  }
}

__attribute__((target("avx2"))) static inline long findQuote_avx2(const uint8_t *b, long p, long count) {
  const __m256i quote = _mm256_set1_epi8('"');
  for (; p + 32 <= count; p += 32) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(b + p));
    unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote));
    if (mask) return p + __builtin_ctz(mask);
  }
  return findQuote_portable(b, p, count);
}
#endif

static const double exactPowers[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
static const double reciprocalPowers[23] = {1e-0,  1e-1,  1e-2,  1e-3,  1e-4,  1e-5,  1e-6,  1e-7,
                                            1e-8,  1e-9,  1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15,
                                            1e-16, 1e-17, 1e-18, 1e-19, 1e-20, 1e-21, 1e-22};

static inline int isDigit(uint8_t byte) { return (uint8_t)(byte - '0') < 10; }

static const uint64_t smallPowers[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/// How many of the eight bytes of w (first byte lowest) are digits before the first that is not.
static inline long digitRun(uint64_t w) {
  // A digit's high nibble is 3, and adding 6 does not carry into it.
  uint64_t notDigits = ((w & 0xF0F0F0F0F0F0F0F0ull) ^ 0x3030303030303030ull) |
                       (((w + 0x0606060606060606ull) & 0xF0F0F0F0F0F0F0F0ull) ^ 0x3030303030303030ull);
  return notDigits ? __builtin_ctzll(notDigits) / 8 : 8;
}

/// The value of eight ASCII digits, the first in the lowest byte.
static inline uint64_t eightDigits(uint64_t w) {
  w -= 0x3030303030303030ull;
  w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFull;
  w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFFull;
  return (w * 10000 + (w >> 32)) & 0xFFFFFFFFull;
}

/// Reads the digits from i up to the first other byte or e into *mantissa
/// (mantissa * 10 + digit each, wrapping past 19 digits), eight at a time;
/// returns where they stop. b[e - 8 ..< e] must be readable (e >= 8).
static inline long readDigits(const uint8_t *b, long i, long e, uint64_t *mantissa) {
  while (i < e) {
    uint64_t w;
    if (i + 8 <= e) {
      memcpy(&w, b + i, 8);
    } else {
      // The last bytes, from the word ending at e: zero bytes (not digits) follow them.
      memcpy(&w, b + e - 8, 8);
      w >>= (uint64_t)(8 - (e - i)) * 8;
    }
    long run = digitRun(w);
    if (run == 0) return i;
    if (run == 8) {
      *mantissa = *mantissa * 100000000 + eightDigits(w);
      i += 8;
      continue;
    }
    // The run's digits as the last of eight, after leading zeros.
    unsigned dropped = (unsigned)(8 - run) * 8;
    uint64_t padded = (w << dropped) | (0x3030303030303030ull >> (64 - dropped));
    *mantissa = *mantissa * smallPowers[run] + eightDigits(padded);
    return i + run;
  }
  return i;
}

/// mantissa × 10^scale correctly rounded to float into *out, when one
/// multiplication in double decides it: the double is not within 4 units in
/// its last place of a midpoint between two floats. 0 when it does not.
static inline int roundDecimal(uint64_t mantissa, long scale, int negative, float *out) {
  double approximation = (double)mantissa * (scale < 0 ? reciprocalPowers[-scale] : exactPowers[scale]);
  uint64_t bits;
  memcpy(&bits, &approximation, sizeof bits);
  // A midpoint between floats has a one followed by 28 zeros below a float's 24 bits.
  int64_t below = (int64_t)(bits & ((1ull << 29) - 1)) - (1ll << 28);
  if (below >= -4 && below <= 4) return 0;
  float rounded = (float)approximation;
  *out = negative ? -rounded : rounded;
  return 1;
}

/// The last `n` (1 to 8) bytes of the word ending at `end`, as the last of
/// eight digits after leading '0's; b[end - 8 ..< end] must be readable.
static inline uint64_t lastBytesAsDigits(const uint8_t *b, long end, long n) {
  uint64_t w;
  memcpy(&w, b + end - 8, 8);
  uint64_t low = n == 8 ? 0 : (1ull << ((8 - n) * 8)) - 1;
  return (w & ~low) | (0x3030303030303030ull & low);
}

/// The commonest score, `[-]d.f` with one to sixteen digits f, without
/// loops: 1 or 0 as `parseScore`, or -1 when b[s ..< e] has another shape.
static inline int parseShortDecimal(const uint8_t *b, long s, long e, float *out) {
  int negative = b[s] == '-';
  long i = s + negative, n = e - i - 2;
  if (n < 1 || n > 16 || !isDigit(b[i]) || b[i + 1] != '.') return -1;
  uint64_t mantissa = (uint64_t)(b[i] - '0');
  if (n > 8) {
    uint64_t first;
    memcpy(&first, b + i + 2, 8);
    uint64_t rest = lastBytesAsDigits(b, e, n - 8);
    if (digitRun(first) != 8 || digitRun(rest) != 8) return -1;
    mantissa = (mantissa * 100000000 + eightDigits(first)) * smallPowers[n - 8] + eightDigits(rest);
  } else {
    uint64_t digits = lastBytesAsDigits(b, e, n);
    if (digitRun(digits) != 8) return -1;
    mantissa = mantissa * smallPowers[n] + eightDigits(digits);
  }
  return roundDecimal(mantissa, -n, negative, out);
}

/// The decimal in b[s ..< e] correctly rounded to float, when one
/// multiplication in double decides it (as `ByteNumberParser.float`: at most
/// 19 digits, a power of ten within 10^±22, and the double not within 4 units
/// in its last place of a midpoint between two floats). 0 when not.
static inline int parseScore(const uint8_t *b, long s, long e, float *out) {
  if (e < 8) return 0;
  int shape = parseShortDecimal(b, s, e, out);
  if (shape >= 0) return shape;
  long i = s;
  int negative = b[i] == '-';
  if (negative || b[i] == '+') i++;
  uint64_t mantissa = 0;
  long first = i;
  i = readDigits(b, i, e, &mantissa);
  long digits = i - first, scale = 0;
  if (i < e && b[i] == '.') {
    long fraction = ++i;
    i = readDigits(b, i, e, &mantissa);
    if (i == fraction) return 0;
    digits += i - fraction;
    scale = fraction - i;
  }
  if (digits == 0 || digits > 19) return 0;
  if (i < e && (b[i] | 0x20) == 'e') {
    i++;
    int exponentNegative = i < e && b[i] == '-';
    if (i < e && (exponentNegative || b[i] == '+')) i++;
    long exponentStart = i, exponent = 0;
    for (; i < e && isDigit(b[i]) && i - exponentStart < 4; i++) exponent = exponent * 10 + (b[i] - '0');
    if (i == exponentStart) return 0;
    scale += exponentNegative ? -exponent : exponent;
  }
  if (i != e || scale < -22 || scale > 22) return 0;
  return roundDecimal(mantissa, scale, negative, out);
}

/// An unquoted id of 1 to 18 digits in b[s ..< e]; 0 when not.
static inline int parseID(const uint8_t *b, long s, long e, int64_t *out) {
  if (e <= s || e - s > 18) return 0;
  int64_t value = 0;
  for (long i = s; i < e; i++) {
    if (!isDigit(b[i])) return 0;
    value = value * 10 + (b[i] - '0');
  }
  *out = value;
  return 1;
}

/// Whether b[s ..< e] is valid UTF-8 (as `UTF8Repair` decides: no overlong
/// forms, surrogates or code points past U+10FFFF), ASCII eight bytes at a time.
static inline int validUTF8(const uint8_t *b, long s, long e) {
  long i = s;
  while (i < e) {
    if (i + 8 <= e) {
      uint64_t w;
      memcpy(&w, b + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    uint8_t lead = b[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    long length;
    uint8_t low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return 0;
    }
    if (i + length > e || b[i + 1] < low || b[i + 1] > high) return 0;
    for (long k = 2; k < length; k++)
      if (b[i + k] < 0x80 || b[i + k] > 0xBF) return 0;
    i += length;
  }
  return 1;
}

/// The code of the value b[s ..< e] among the slot's known short values
/// (see ActivisCSVBatch): -1 when empty, -2 when not known. The file has
/// `size` bytes.
static inline int32_t knownCode(const uint8_t *b, long size, long s, long e, int escaped, const uint64_t *words,
                                const int32_t *codes, int32_t count) {
  long n = e - s;
  if (n == 0) return -1;
  if (n >= 8 || escaped) return -2;
  uint64_t word = 0;
  if (s + 8 <= size) {
    memcpy(&word, b + s, 8);
    word &= (1ull << (8 * n)) - 1;
  } else {
    for (long k = 0; k < n; k++) word |= (uint64_t)b[s + k] << (8 * k);
  }
  if (word & 0x8080808080808080ull) return -2;
  word |= (uint64_t)n << 56;
  for (int32_t j = 0; j < count; j++)
    if (words[j] == word) return codes[j];
  return -2;
}

/// Copies b[s ..< e] to out, doubled quotes as one when `escaped`; returns the bytes written.
static inline long copyText(const uint8_t *b, long s, long e, int escaped, uint8_t *out) {
  if (!escaped) {
    memcpy(out, b + s, (size_t)(e - s));
    return e - s;
  }
  long n = 0;
  for (long i = s; i < e; i++) {
    out[n++] = b[i];
    if (b[i] == '"') i++;
  }
  return n;
}

#define DEFINE_CSV_ROWS(NAME, ATTRIBUTE, FIND_SPECIAL, FIND_QUOTE)                                        \
  ATTRIBUTE static long csvRows_##NAME(const uint8_t *b, long count, long *position, long limit,          \
                                       ActivisCSVBatch *batch) {                                          \
    const uint8_t *kinds = batch->kinds;                                                                  \
    const int32_t *slots = batch->slots;                                                                  \
    long width = batch->width, capacity = batch->capacity, others = batch->others;                        \
    long p = *position, rows = 0, textCount = 0, blockStart = -128;                                       \
    uint64_t blockMask = 0;                                                                               \
    batch->textFull = 0;                                                                                  \
    while (rows < capacity) {                                                                             \
      while (p < count && (b[p] == '\n' || b[p] == '\r')) p++;                                            \
      if (p >= limit || p >= count) break;                                                                \
      long rowStart = p, rowText = textCount;                                                             \
      int64_t id = 0;                                                                                     \
      long c = 0;                                                                                         \
      for (; c < width; c++) {                                                                            \
        if (p >= count) break;                                                                            \
        uint8_t kind = kinds[c];                                                                          \
        long s = p, e;                                                                                    \
        uint8_t flag = 0;                                                                                 \
        if (kind != ACTIVIS_CSV_ID && kind != ACTIVIS_CSV_SCORE && b[p] == '"') {                         \
          long q = p + 1;                                                                                 \
          flag = ACTIVIS_CSV_QUOTED;                                                                      \
          for (;;) {                                                                                      \
            q = FIND_QUOTE(b, q, count);                                                                  \
            if (q + 1 < count && b[q + 1] == '"') {                                                       \
              flag |= ACTIVIS_CSV_ESCAPED_QUOTES;                                                         \
              q += 2;                                                                                     \
              continue;                                                                                   \
            }                                                                                             \
            break;                                                                                        \
          }                                                                                               \
          if (q >= count) break;                                                                          \
          s = p + 1;                                                                                      \
          e = q;                                                                                          \
          p = q + 1;                                                                                      \
        } else {                                                                                          \
          e = FIND_SPECIAL(b, p, count, &blockStart, &blockMask);                                         \
          if (e < count && b[e] == '"') break;                                                            \
          p = e;                                                                                          \
        }                                                                                                 \
        if (kind == ACTIVIS_CSV_SCORE) {                                                                  \
          float value = __builtin_nanf("");                                                               \
          if (e > s && !parseScore(b, s, e, &value)) break;                                               \
          batch->scores[slots[c] * capacity + rows] = value;                                              \
        } else if (kind == ACTIVIS_CSV_ID) {                                                              \
          if (!parseID(b, s, e, &id)) break;                                                              \
        } else if (kind == ACTIVIS_CSV_TEXT) {                                                            \
          if (!validUTF8(b, s, e)) break;                                                                 \
          if (textCount + (e - s) > batch->textCapacity) {                                                \
            batch->textFull = rows > 0;                                                                   \
            break;                                                                                        \
          }                                                                                               \
          textCount += copyText(b, s, e, flag & ACTIVIS_CSV_ESCAPED_QUOTES, batch->text + textCount);     \
        } else {                                                                                          \
          long i = rows * others + slots[c];                                                              \
          batch->starts[i] = s;                                                                           \
          batch->ends[i] = e;                                                                             \
          batch->flags[i] = flag;                                                                         \
          if (kind == ACTIVIS_CSV_CODED) {                                                                \
            long known = (long)slots[c] * ACTIVIS_CSV_KNOWN_VALUES;                                       \
            batch->codes[i] = knownCode(b, count, s, e, flag & ACTIVIS_CSV_ESCAPED_QUOTES,                 \
                                        batch->knownWords + known,                                        \
                                        batch->knownCodes + known, batch->knownCounts[slots[c]]);         \
          }                                                                                               \
        }                                                                                                 \
        if (c < width - 1) {                                                                              \
          if (p + 1 >= count || b[p] != ',') break;                                                       \
          p++;                                                                                            \
        } else if (p >= count) {                                                                          \
          p = count;                                                                                      \
        } else if (b[p] == '\n') {                                                                        \
          p++;                                                                                            \
        } else if (b[p] == '\r') {                                                                        \
          p = p + 1 < count && b[p + 1] == '\n' ? p + 2 : p + 1;                                          \
        } else {                                                                                          \
          break;                                                                                          \
        }                                                                                                 \
      }                                                                                                   \
      if (c < width) {                                                                                    \
        p = rowStart;                                                                                     \
        textCount = rowText;                                                                              \
        break;                                                                                            \
      }                                                                                                   \
      batch->ids[rows] = id;                                                                              \
      batch->textEnds[rows] = batch->textBase + textCount;                                                \
      rows++;                                                                                             \
    }                                                                                                     \
    batch->textCount = textCount;                                                                         \
    *position = p;                                                                                        \
    return rows;                                                                                          \
  }

#if defined(__x86_64__)
DEFINE_CSV_ROWS(avx2, __attribute__((target("avx2"))), findSpecialCached_avx2, findQuote_avx2)
#define csvRows_avx512 csvRows_avx2
#endif
DEFINE_CSV_ROWS(portable, , findSpecialCached_portable, findQuote_portable)

static long (*chosenRows)(const uint8_t *, long, long *, long, ActivisCSVBatch *);

long activis_csv_simple_rows(const uint8_t *bytes, long count, long *position, long limit, ActivisCSVBatch *batch) {
  return BEST_KERNEL(chosenRows, csvRows, 0)(bytes, count, position, limit, batch);
}
