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
  /// The text: valid UTF-8, copied (doubled quotes undone) into the batch's text.
  ACTIVIS_CSV_TEXT = 3,
  /// A field coded by a dictionary (a class, a category): as ACTIVIS_CSV_OTHER,
  /// and its code when it is one of the slot's known short values.
  ACTIVIS_CSV_CODED = 4,
};

/// Known values per coded slot.
enum { ACTIVIS_CSV_KNOWN_VALUES = 16 };

/// Flags of an ACTIVIS_CSV_OTHER field.
enum { ACTIVIS_CSV_QUOTED = 1, ACTIVIS_CSV_ESCAPED_QUOTES = 2 };

/// A batch of rows for `activis_csv_simple_rows`: what each column holds,
/// and where the rows read go (row r's values).
typedef struct {
  /// Per column: its kind, and its slot among the columns of its kind.
  const uint8_t *kinds;
  const int32_t *slots;
  long width;
  /// Rows the batch holds.
  long capacity;
  /// `ids[r]`.
  int64_t *ids;
  /// The score of slot k in `scores[k * capacity + r]`.
  float *scores;
  /// The content of other slot k from `starts[i]` to `ends[i]`, with `flags[i]`,
  /// i = r * others + k; for a coded slot, `codes[i]` too: the code of a known
  /// value, -1 for an empty field, -2 for any other value.
  long *starts;
  long *ends;
  uint8_t *flags;
  int32_t *codes;
  long others;
  /// The known values of coded slot k: `knownCounts[k]` values of one to seven
  /// ASCII bytes, each packed in a word (its bytes, the first lowest, and its
  /// length in the top byte) at `knownWords[k * ACTIVIS_CSV_KNOWN_VALUES + j]`,
  /// its code at the same index of `knownCodes`.
  const uint64_t *knownWords;
  const int32_t *knownCodes;
  const int32_t *knownCounts;
  /// The texts, one after another in `text` (`textCapacity` bytes), the end
  /// of row r's in `textEnds[r]` counted from `textBase`; `textCount` bytes
  /// used (set by the call).
  uint8_t *text;
  long textCapacity;
  long textBase;
  long textCount;
  long *textEnds;
  /// 1 when the call stopped because a row's text did not fit (set by the call).
  int textFull;
} ActivisCSVBatch;

/// Reads simple rows of a CSV file from `*position` (a row boundary), after
/// skipping line breaks before each, until a row starts at or after `limit`
/// or the end of the file, a row is not simple, the batch is full, or a row's
/// text does not fit in what is left of `text` (then `textFull`; a text that
/// does not fit in an empty batch makes its row not simple). A simple row has
/// `width` fields, each as its kind asks and followed by a comma, or the last
/// by a line break (LF, CR LF or CR) or the end of the file; a quoted field is
/// `"`, content with quotes doubled, `"`. Unterminated quotes, a quote inside
/// an unquoted field, a comma that ends the file, a text that is not valid
/// UTF-8: not simple (the caller reads such a row field by field, which
/// repairs what it can and names the faults).
///
/// Returns the rows read into `batch`; `*position` is then where reading
/// stopped: past the last row read (and its line break).
long activis_csv_simple_rows(const uint8_t *bytes, long count, long *position, long limit, ActivisCSVBatch *batch);

#endif
