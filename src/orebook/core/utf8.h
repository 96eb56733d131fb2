#pragma once
// Cutting text without cutting a character: a label shortened for display
// must stay valid UTF-8 (a cut inside an en dash made JSON output fail).

#include <string>
#include <string_view>

namespace orebook::core {

// At most `max_bytes` bytes of `text`, ending on a character boundary: the
// cut moves back over continuation bytes (10xxxxxx) to the lead byte.
inline std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

// Characters (code points) of UTF-8 text: the columns a label takes in a
// terminal or a spreadsheet ("Doré" is 4, not 5 bytes).
inline std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace orebook::core
