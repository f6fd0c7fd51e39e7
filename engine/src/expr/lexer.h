// Tokenizer for DynamoDB expressions. Identifiers are [A-Za-z][A-Za-z0-9_]*, placeholders
// #name and :value ([A-Za-z0-9_]*), list indexes are digit runs; whitespace is space, tab, CR, LF.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ddb::expr {

enum class Tok : uint8_t {
  kIdent, kName, kValue, kNumber,
  kLParen, kRParen, kLBracket, kRBracket, kDot, kComma,
  kEq, kNe, kLt, kLe, kGt, kGe, kPlus, kMinus,
  kInvalid,  // any other character (one byte)
  kEof,
};

struct Token {
  Tok type;
  uint32_t begin, end;  // byte offsets into the expression text
};

// Never fails: unknown characters become kInvalid tokens, which the parser reports as syntax errors.
// The last token is always kEof (begin == end == text.size()).
std::vector<Token> Lex(std::string_view text);

}  // namespace ddb::expr
