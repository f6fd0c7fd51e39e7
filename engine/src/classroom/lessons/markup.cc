// The small markup of lesson text: "# "/"## " headings, "- " bullets, "1. " numbered items, blank
// lines between paragraphs, and **emphasis** / `code` inside a line. Parsed here so the panel only
// draws blocks and spans.
#include <cctype>

#include "ddb/lessons.h"

namespace ddb::lessons {
namespace {

std::vector<Span> ParseSpans(std::string_view line) {
  std::vector<Span> spans;
  std::string plain;
  auto flush = [&] {
    if (!plain.empty()) spans.push_back({SpanStyle::kPlain, std::move(plain)});
    plain.clear();
  };
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '`') {
      const size_t end = line.find('`', i + 1);
      if (end != std::string_view::npos) {
        flush();
        spans.push_back({SpanStyle::kCode, std::string(line.substr(i + 1, end - i - 1))});
        i = end + 1;
        continue;
      }
    } else if (line.compare(i, 2, "**") == 0) {
      const size_t end = line.find("**", i + 2);
      if (end != std::string_view::npos) {
        flush();
        spans.push_back({SpanStyle::kEmphasis, std::string(line.substr(i + 2, end - i - 2))});
        i = end + 2;
        continue;
      }
    }
    plain += line[i++];
  }
  flush();
  return spans;
}

}  // namespace

std::vector<Block> ParseMarkup(std::string_view text) {
  std::vector<Block> blocks;
  bool in_paragraph = false;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    const std::string_view body = line.substr(indent);
    if (body.empty()) {
      in_paragraph = false;
      continue;
    }
    Block block;
    if (body.rfind("## ", 0) == 0) {
      block = {BlockKind::kHeading, 2, ParseSpans(body.substr(3))};
    } else if (body.rfind("# ", 0) == 0) {
      block = {BlockKind::kHeading, 1, ParseSpans(body.substr(2))};
    } else if (body.rfind("- ", 0) == 0 || body.rfind("* ", 0) == 0) {
      block = {BlockKind::kBullet, 0, ParseSpans(body.substr(2))};
    } else {
      size_t digits = 0;
      while (digits < body.size() && std::isdigit(static_cast<unsigned char>(body[digits]))) ++digits;
      if (digits > 0 && digits < 4 && body.compare(digits, 2, ". ") == 0) {
        block = {BlockKind::kNumbered, std::stoi(std::string(body.substr(0, digits))), ParseSpans(body.substr(digits + 2))};
      } else if (in_paragraph && !blocks.empty() && blocks.back().kind == BlockKind::kParagraph) {
        // A wrapped paragraph line continues the paragraph.
        std::vector<Span> more = ParseSpans(body);
        blocks.back().spans.push_back({SpanStyle::kPlain, " "});
        blocks.back().spans.insert(blocks.back().spans.end(), more.begin(), more.end());
        continue;
      } else {
        block = {BlockKind::kParagraph, 0, ParseSpans(body)};
      }
    }
    in_paragraph = block.kind == BlockKind::kParagraph;
    blocks.push_back(std::move(block));
  }
  return blocks;
}

std::string MarkupToPlainText(std::string_view text) {
  std::string out;
  for (const Block& b : ParseMarkup(text)) {
    if (!out.empty()) out += "\n";
    if (b.kind == BlockKind::kBullet) out += "- ";
    if (b.kind == BlockKind::kNumbered) out += std::to_string(b.level) + ". ";
    for (const Span& s : b.spans) out += s.text;
  }
  return out;
}

}  // namespace ddb::lessons
