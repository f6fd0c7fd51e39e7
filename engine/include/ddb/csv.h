// CSV as DynamoDB's ImportTable reads it (developer guide, "Amazon S3 data import formats"): RFC 4180
// records separated by LF or CRLF, fields separated by one delimiter character (, ; : | tab space),
// a field in double quotes may hold delimiters, line breaks and doubled quotes (""), a backslash is
// an ordinary character (so \" inside quotes ends the field early and the record fails). ImportTable
// reads CSV objects with it, and the S3 panel shows them as tables with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/status.h"

namespace ddb {

class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}
  // The next record's fields, or false at the end of the text (a final line break adds no record;
  // an empty line is a record of one empty field). On a malformed record: ValidationException
  // naming the line, and the reader moves past that record so the next call reads on.
  Result<bool> Next(std::vector<std::string>* fields);
  // 1-based line the last record started on.
  int record_line() const { return record_line_; }
  // The last record's raw text (for error logs).
  std::string_view record_text() const { return text_.substr(record_start_, record_end_ - record_start_); }

 private:
  void SkipRecord();

  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  size_t record_start_ = 0, record_end_ = 0;
};

}  // namespace ddb
