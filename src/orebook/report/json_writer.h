#pragma once
// JSON written as it is produced, without a document in memory (issue 14:
// building an nlohmann document of 100,000 streams' results took longer than
// reconciling them). The text is byte for byte what json_text (json.h) makes
// of the same document: two-space indent, keys in the order written, numbers
// as nlohmann writes them (shortest round trip, "1.0" for whole numbers,
// null for NaN and infinities), strings escaped by nlohmann itself where
// they hold anything but printable ASCII.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orebook::report {

class JsonWriter {
 public:
  JsonWriter() = default;
  // A value to be placed `depth` containers deep in another writer's text
  // (raw): indented as it will be there, without the separator before it.
  // Lets threads write the parts of one document side by side.
  explicit JsonWriter(std::size_t depth) : depth_(depth) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The key of the next value in an object.
  JsonWriter& key(std::string_view k);

  void value(double v);
  void value(const std::optional<double>& v);
  void value(bool v);
  void value(int v);
  void value(std::size_t v);
  void value(std::string_view v);
  void value(const char* v) { value(std::string_view(v)); }
  void null();
  // A value written by JsonWriter(depth) for this place, as it is.
  void raw(std::string_view text);

  // The text, with the final newline json_text adds.
  std::string take();
  // The text of a value written by JsonWriter(depth), for raw().
  std::string take_value() { return std::move(out_); }
  // The text so far to `out`, to go on after it (a long document written
  // as it goes); take() then gives the rest.
  void flush_to(std::ostream& out);

 private:
  void open(char bracket);
  void close(char bracket);
  // Separator and indent before a value (nothing right after a key).
  void before_value();
  void string(std::string_view s);

  std::string out_;
  std::vector<std::size_t> counts_;  // values written so far in each open container
  bool after_key_ = false;
  std::size_t depth_ = 0;  // containers around the value written
};

}  // namespace orebook::report
