// The S3 panel's reading of object bytes (object_format.h): decompression, JSON Lines and CSV tables,
// hex dumps.
#include "panels/s3/object_format.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "ddb/csv.h"

#include "ui_util.h"

namespace ddb::app::s3ui {

namespace {

using OJson = nlohmann::ordered_json;

std::string_view StripCompressionSuffix(std::string_view key) {
  for (std::string_view suffix : {".gz", ".zst", ".zstd"})
    if (key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix) return key.substr(0, key.size() - suffix.size());
  return key;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A JSON value as one cell: strings bare, other scalars as JSON, objects and arrays compact.
std::string Cell(const OJson& v) {
  if (v.is_string()) return v.get<std::string>();
  std::string text = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 200) text = text.substr(0, 197) + "...";
  return text;
}

// Whether v looks like one DynamoDB attribute value ({"S": "x"}, {"N": "1"}, {"M": {...}}, ...).
bool IsAttributeValue(const OJson& v) {
  static const char* const kTypes[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
  if (!v.is_object() || v.size() != 1) return false;
  return std::any_of(std::begin(kTypes), std::end(kTypes), [&](const char* t) { return v.contains(t); });
}

class Columns {
 public:
  size_t Index(const std::string& name) {
    auto [it, added] = index_.emplace(name, names_.size());
    if (added) names_.push_back(name);
    return it->second;
  }
  std::vector<std::string>& names() { return names_; }

 private:
  std::map<std::string, size_t> index_;
  std::vector<std::string> names_;
};

}  // namespace

DecodedObject DecodeObject(std::string_view stored) {
  DecodedObject out;
  out.stored_bytes = static_cast<int64_t>(stored.size());
  out.compression = DetectCompression(stored);
  if (out.compression == Compression::kNone) {
    out.data = std::string(stored.substr(0, kMaxViewBytes));
  } else {
    Result<std::string> plain = Decompress(stored, out.compression, kMaxViewBytes, "the object");
    if (plain.ok()) {
      out.data = std::move(*plain);
    } else {
      out.error = plain.status().message();
      out.data = std::string(stored.substr(0, kMaxViewBytes));
    }
  }
  out.text = IsText(out.data);
  return out;
}

std::optional<TextTable> ParseJsonLines(std::string_view text) {
  TextTable table;
  Columns columns;
  bool export_items = false, other = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (table.rows.size() >= kMaxTableRows) {
      table.truncated = true;
      break;
    }
    const OJson value = OJson::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!value.is_object()) return std::nullopt;
    std::vector<std::pair<size_t, std::string>> cells;
    const auto item = value.find("Item");
    if (value.size() == 1 && item != value.end() && item->is_object()) {  // a DynamoDB JSON export line
      export_items = true;
      for (const auto& [name, av] : item->items())
        cells.emplace_back(columns.Index(name), IsAttributeValue(av) ? AttributeDisplay(av, 200) : Cell(av));
    } else {
      other = true;
      for (const auto& [name, v] : value.items()) cells.emplace_back(columns.Index(name), Cell(v));
    }
    std::vector<std::string> row;
    for (auto& [index, cell] : cells) {
      if (row.size() <= index) row.resize(index + 1);
      row[index] = std::move(cell);
    }
    table.rows.push_back(std::move(row));
  }
  table.columns = std::move(columns.names());
  for (auto& row : table.rows) row.resize(table.columns.size());
  if (export_items && !other) table.note = "DynamoDB JSON export: one item per line, its attributes as columns";
  else if (export_items) table.note = "JSON Lines (some lines are DynamoDB export items, shown by attribute)";
  else table.note = "JSON Lines: one row per line, top-level keys as columns";
  return table;
}

TextTable ParseCsv(std::string_view text, char delimiter) {
  TextTable table;
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  size_t malformed = 0;
  CsvReader reader(text, delimiter);  // ImportTable's reader: the panel shows what an import would read
  while (true) {
    Result<bool> more = reader.Next(&fields);
    if (!more.ok()) {  // the reader has moved past the record
      ++malformed;
      continue;
    }
    if (!*more) break;
    if (fields.size() == 1 && fields.front().empty()) continue;  // a blank line
    records.push_back(std::move(fields));
    if (records.size() > kMaxTableRows) {
      table.truncated = true;
      break;
    }
  }
  if (records.empty()) return table;
  table.columns = std::move(records.front());
  for (size_t r = 1; r < records.size(); ++r) {
    while (records[r].size() > table.columns.size()) table.columns.push_back("column " + std::to_string(table.columns.size() + 1));
  }
  for (size_t r = 1; r < records.size(); ++r) {
    records[r].resize(table.columns.size());
    table.rows.push_back(std::move(records[r]));
  }
  table.note = "CSV: the first line as the header row";
  if (malformed > 0) table.note += " (" + std::to_string(malformed) + " malformed record(s) left out, as an import would log them)";
  return table;
}

TableKind TableKindOf(std::string_view key) {
  const std::string_view base = StripCompressionSuffix(key);
  if (EndsWith(base, ".csv")) return TableKind::kCsv;
  if (EndsWith(base, ".json") || EndsWith(base, ".jsonl") || EndsWith(base, ".ndjson")) return TableKind::kJsonLines;
  return TableKind::kNone;
}

std::string HexDump(std::string_view bytes, size_t max_bytes) {
  std::string out;
  const size_t n = std::min(bytes.size(), max_bytes);
  char buf[16];
  for (size_t row = 0; row < n; row += 16) {
    std::snprintf(buf, sizeof buf, "%08zx ", row);
    out += buf;
    std::string ascii;
    for (size_t i = row; i < row + 16; ++i) {
      if (i < n) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        std::snprintf(buf, sizeof buf, " %02x", b);
        out += buf;
        ascii += b >= 0x20 && b < 0x7f ? static_cast<char>(b) : '.';
      } else {
        out += "   ";
      }
    }
    out += "  |" + ascii + "|\n";
  }
  if (bytes.size() > n) out += "... " + std::to_string(bytes.size() - n) + " more bytes\n";
  return out;
}

bool IsText(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1Fu;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0Fu;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07u;
    else return false;
    if (i + len > bytes.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace ddb::app::s3ui
