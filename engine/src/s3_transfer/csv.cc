// RFC 4180 CSV reader (see csv.h).
#include "ddb/csv.h"

namespace ddb {

void CsvReader::SkipRecord() {
  // After an error: resume at the next line break outside quotes, as far as can be told.
  while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
  if (pos_ < text_.size()) {
    ++pos_;
    ++line_;
  }
  record_end_ = pos_;
}

Result<bool> CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  record_start_ = pos_;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field started with a quote and has closed
  auto fail = [&](const std::string& why) -> Status {
    SkipRecord();
    return Status::Validation("Invalid CSV record at line " + std::to_string(record_line_) + ": " + why);
  };
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (quoted) {
      ++pos_;
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          quoted = false;
          was_quoted = true;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == delimiter_) {
      fields->push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos_;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      fields->push_back(std::move(field));
      record_end_ = pos_;
      return true;
    }
    if (was_quoted) return fail("a character follows the closing quote of a field");
    if (c == '"') {
      if (!field.empty()) return fail("a double quote inside an unquoted field");
      quoted = true;
      ++pos_;
      continue;
    }
    field.push_back(c);
    ++pos_;
  }
  if (quoted) {
    record_end_ = pos_;
    return Status::Validation("Invalid CSV record at line " + std::to_string(record_line_) + ": a quoted field is not closed");
  }
  fields->push_back(std::move(field));
  record_end_ = pos_;
  return true;
}

}  // namespace ddb
