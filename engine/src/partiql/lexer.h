// PartiQL lexer: identifiers (plain or "quoted"), 'string' literals ('' escapes a quote), numbers,
// `?` parameters and punctuation including << >> bag brackets. Keywords are plain identifiers
// compared case-insensitively by the parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/status.h"

namespace ddb::partiql {

struct Token {
  enum class Type : uint8_t { kIdent, kQuotedIdent, kString, kNumber, kPunct, kEnd };
  Type type = Type::kEnd;
  std::string text;  // identifier / string contents (unescaped), number text, or the punctuation
};

// Splits `text` into tokens ending with kEnd. Errors: ValidationException "Statement wasn't well
// formed, can't be processed: " plus a detail (unterminated literals, comments, stray characters).
Result<std::vector<Token>> Lex(std::string_view text);

// "Statement wasn't well formed, can't be processed: <detail>".
Status NotWellFormed(std::string_view detail);

}  // namespace ddb::partiql
