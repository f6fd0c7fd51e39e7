// PartiQL lexer (see lexer.h).
#include "partiql/lexer.h"

namespace ddb::partiql {

Status NotWellFormed(std::string_view detail) {
  return Status::Validation("Statement wasn't well formed, can't be processed: " + std::string(detail));
}

namespace {
bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

Result<std::vector<Token>> Lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  auto push = [&](Token::Type t, std::string text) { out.push_back(Token{t, std::move(text)}); };
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {  // line comment
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {  // block comment
      const size_t end = s.find("*/", i + 2);
      if (end == std::string_view::npos) return NotWellFormed("");
      i = end + 2;
      continue;
    }
    if (IsIdentStart(c)) {
      size_t j = i;
      while (j < s.size() && (IsIdentStart(s[j]) || IsDigit(s[j]))) ++j;
      push(Token::Type::kIdent, std::string(s.substr(i, j - i)));
      i = j;
      continue;
    }
    if (c == '"' || c == '\'') {
      std::string text;
      size_t j = i + 1;
      bool closed = false;
      while (j < s.size()) {
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) { text += c; j += 2; continue; }
          closed = true;
          break;
        }
        text += s[j++];
      }
      if (!closed) return NotWellFormed("");
      push(c == '"' ? Token::Type::kQuotedIdent : Token::Type::kString, std::move(text));
      i = j + 1;
      continue;
    }
    if (IsDigit(c) || (c == '.' && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      size_t j = i;
      while (j < s.size() && IsDigit(s[j])) ++j;
      if (j < s.size() && s[j] == '.') {
        ++j;
        while (j < s.size() && IsDigit(s[j])) ++j;
      }
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && IsDigit(s[k])) {
          while (k < s.size() && IsDigit(s[k])) ++k;
          j = k;
        }
      }
      push(Token::Type::kNumber, std::string(s.substr(i, j - i)));
      i = j;
      continue;
    }
    static const char* kTwo[] = {"<>", "!=", "<=", ">=", "<<", ">>", "||"};
    bool matched = false;
    for (const char* p : kTwo) {
      if (s.substr(i, 2) == p) {
        push(Token::Type::kPunct, p);
        i += 2;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (std::string_view("=<>+-*/,.()[]{}:?;%").find(c) != std::string_view::npos) {
      push(Token::Type::kPunct, std::string(1, c));
      ++i;
      continue;
    }
    return NotWellFormed("");  // '#', '`' and other characters the service's lexer refuses
  }
  push(Token::Type::kEnd, "");
  return out;
}

}  // namespace ddb::partiql
