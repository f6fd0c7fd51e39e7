// How the S3 panel reads an object's bytes for display: decompression (gzip / zstd by their magic
// bytes, through ddb/compression.h), JSON Lines and CSV as tables of text (a DynamoDB export's
// {"Item": {...}} lines flattened to the Item's attributes), and a hex dump for binary data. Display
// only: nothing here decides what DynamoDB or S3 would do with the bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/compression.h"

namespace ddb::app::s3ui {

inline constexpr size_t kMaxViewBytes = 64u * 1024 * 1024;  // decompressed bytes the viewer reads
inline constexpr size_t kMaxTableRows = 100000;              // rows a table view parses

// An object's bytes as the viewer shows them.
struct DecodedObject {
  Compression compression = Compression::kNone;  // detected from the stored bytes
  int64_t stored_bytes = 0;                      // the object's size in S3
  std::string data;                              // after decompression (the bytes themselves for kNone)
  std::string error;                             // why decompression failed (data is then the stored bytes)
  bool text = false;                             // data is valid UTF-8 without NUL bytes
};
DecodedObject DecodeObject(std::string_view stored);

// Rows of display text under named columns.
struct TextTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // each as long as columns ("" where a row lacks one)
  bool truncated = false;                      // more than kMaxTableRows rows
  std::string note;                            // how the lines were read ("DynamoDB export: Item attributes")
};

// JSON Lines: one row per non-empty line, columns from the lines' top-level keys in first-seen order.
// Lines of a DynamoDB JSON export ({"Item": {...}}) become the Item's attributes (values as
// AttributeDisplay writes them: `x`, `42`, `[3 items]`); incremental export lines keep their
// Metadata / Keys / NewImage / OldImage columns as compact text. nullopt when a line is not a JSON object.
std::optional<TextTable> ParseJsonLines(std::string_view text);

// CSV as ImportTable reads it (ddb/csv.h: RFC 4180, quoted fields, "" for a quote inside them, LF or
// CRLF line ends), the first record as the header row; records longer than the header get columns
// "column N"; blank lines are skipped and malformed records left out (the note counts them).
TextTable ParseCsv(std::string_view text, char delimiter = ',');

// Which table view fits a key ("x.csv.gz" -> kCsv, "x.json" / "x.jsonl" / "x.json.gz" -> kJsonLines).
enum class TableKind { kNone, kJsonLines, kCsv };
TableKind TableKindOf(std::string_view key);

// "00000000  1f 8b 08 00 ...  |....|" lines for the first max_bytes bytes.
std::string HexDump(std::string_view bytes, size_t max_bytes);

// Whether bytes are valid UTF-8 (no overlong forms or surrogates) without NUL bytes.
bool IsText(std::string_view bytes);

}  // namespace ddb::app::s3ui
