#ifndef ACTIVIS_CSV_ROWS_H
#define ACTIVIS_CSV_ROWS_H

#include <stdint.h>

/// What a column of `instances.csv` holds, for `activis_csv_simple_rows`.
enum {
  /// The id: an unquoted run of 1 to 18 digits.
  ACTIVIS_CSV_ID = 0,
  /// A score: empty (NaN), or an unquoted decimal `[+-]digits[.digits][(e|E)[+-]digits]`
  /// of at most 19 significant digits whose float one multiplication decides (the
  /// same rounding as the Swift parser's `ByteNumberParser.float`).
  ACTIVIS_CSV_SCORE = 1,
  /// Any other field: its content's range is returned, quoted or not.
  ACTIVIS_CSV_OTHER = 2,
};

/// Flags of an ACTIVIS_CSV_OTHER field.
enum { ACTIVIS_CSV_QUOTED = 1, ACTIVIS_CSV_ESCAPED_QUOTES = 2 };

/// Reads simple rows of a CSV file from `*position` (a row boundary), after
/// skipping line breaks before each, until a row starts at or after `limit`
/// or the end of the file, a row is not simple, or `maxRows` rows are read.
/// A simple row has `width` fields, each as its kind (`kinds[c]`) asks and
/// followed by a comma, or the last by a line break (LF, CR LF or CR) or the
/// end of the file; a quoted field is `"`, content with quotes doubled, `"`.
/// Unterminated quotes, a quote inside an unquoted field, a comma that ends
/// the file: not simple (the caller reads such a row field by field and
/// names its fault).
///
/// Row r's outputs: `ids[r]`; `rowOffsets[r]` where it starts; the score of
/// column c in `scores[slots[c] * maxRows + r]`; the content of other column
/// c from `starts[i]` to `ends[i]` with `flags[i]`, i = r * others + slots[c].
///
/// Returns the rows read; `*position` is then where reading stopped: past
/// the last row read (and its line break).
long activis_csv_simple_rows(const uint8_t *bytes, long count, long *position, long limit, const uint8_t *kinds,
                             const int32_t *slots, long width, long maxRows, int64_t *ids, long *rowOffsets,
                             float *scores, long *starts, long *ends, uint8_t *flags, long others);

#endif
