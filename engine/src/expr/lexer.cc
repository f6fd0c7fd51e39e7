// Tokenizer for DynamoDB expressions (see lexer.h).
#include "expr/lexer.h"

namespace ddb::expr {
namespace {
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentPart(char c) { return IsAlpha(c) || IsDigit(c) || c == '_'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
}  // namespace

std::vector<Token> Lex(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 2 + 2);
  const uint32_t n = static_cast<uint32_t>(text.size());
  uint32_t i = 0;
  while (i < n) {
    char c = text[i];
    if (IsSpace(c)) { ++i; continue; }
    uint32_t start = i;
    Tok t;
    if (IsAlpha(c)) {  // DynamoDB: a name starts with a letter; "_abc" is a syntax error at "_"
      while (i < n && IsIdentPart(text[i])) ++i;
      t = Tok::kIdent;
    } else if (IsDigit(c)) {
      while (i < n && IsDigit(text[i])) ++i;
      t = Tok::kNumber;
    } else if (c == '#' || c == ':') {
      ++i;
      while (i < n && IsIdentPart(text[i])) ++i;
      // A bare "#" or ":" is not a placeholder: a one-character token the parser rejects.
      t = i == start + 1 ? Tok::kInvalid : c == '#' ? Tok::kName : Tok::kValue;
    } else {
      ++i;
      switch (c) {
        case '(': t = Tok::kLParen; break;
        case ')': t = Tok::kRParen; break;
        case '[': t = Tok::kLBracket; break;
        case ']': t = Tok::kRBracket; break;
        case '.': t = Tok::kDot; break;
        case ',': t = Tok::kComma; break;
        case '=': t = Tok::kEq; break;
        case '+': t = Tok::kPlus; break;
        case '-': t = Tok::kMinus; break;
        case '<':
          if (i < n && text[i] == '=') { ++i; t = Tok::kLe; }
          else if (i < n && text[i] == '>') { ++i; t = Tok::kNe; }
          else t = Tok::kLt;
          break;
        case '>':
          if (i < n && text[i] == '=') { ++i; t = Tok::kGe; }
          else t = Tok::kGt;
          break;
        default: t = Tok::kInvalid; break;
      }
    }
    out.push_back({t, start, i});
  }
  out.push_back({Tok::kEof, n, n});
  return out;
}

}  // namespace ddb::expr
