#include "orebook/dataset/csv.h"

#include <cerrno>
#include <cstring>
#include <utility>

namespace orebook::dataset {

CsvReader::CsvReader(const std::string& path, std::size_t chunk_bytes) : chunk_(chunk_bytes) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    open_error_ = std::strerror(errno);
    return;
  }
  buffer_.resize(chunk_);
  if (std::fseek(file_, 0, SEEK_END) == 0) {
    const long size = std::ftell(file_);
    total_bytes_ = size > 0 ? static_cast<std::uint64_t>(size) : 0;
    std::rewind(file_);
  }
}

CsvReader CsvReader::from_string(std::string text) {
  CsvReader r;
  r.buffer_.assign(text.begin(), text.end());
  r.end_ = r.buffer_.size();
  r.total_bytes_ = r.buffer_.size();
  r.eof_ = true;
  return r;
}

CsvReader CsvReader::from_source(std::unique_ptr<RecordSource> source) {
  CsvReader r;
  r.source_ = std::move(source);
  return r;
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool CsvReader::fill() {
  if (eof_ || file_ == nullptr) return false;
  // Keep the unread tail at the front and make room for one more chunk.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < chunk_ / 2) buffer_.resize(buffer_.size() + chunk_);
  const std::size_t n = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  end_ += n;
  if (n == 0) eof_ = true;
  return n > 0;
}

bool CsvReader::next_csv(CsvRecord& record) {
  record.fields.clear();
  record.columns.clear();
  record.error.clear();
  record.error_column = 0;
  record.error_code.clear();
  for (;;) {
    if (first_) {
      while (end_ - begin_ < 3 && fill()) {
      }
      if (end_ - begin_ >= 3 && std::memcmp(buffer_.data() + begin_, "\xEF\xBB\xBF", 3) == 0) {
        begin_ += 3;
      }
      first_ = false;
    }
    // Find the end of the record: the first newline outside quotes.
    char* const start = buffer_.data() + begin_;
    char* const stop = buffer_.data() + end_;
    // An empty vector's data() may be null, which memchr must not see.
    char* nl =
        start == stop
            ? nullptr
            : static_cast<char*>(std::memchr(start, '\n', static_cast<std::size_t>(stop - start)));
    const char* const line_end = nl ? nl : stop;
    // A line starting with '#' is a comment (docs/dataset.md) up to its end,
    // whatever quotes it holds.
    const bool comment = start < stop && *start == '#';
    bool quoted = !comment && line_end > start &&
                  std::memchr(start, '"', static_cast<std::size_t>(line_end - start)) != nullptr;
    if (quoted) {
      bool in_quotes = false;
      nl = nullptr;
      for (char* p = start; p < stop; ++p) {
        if (*p == '"')
          in_quotes = !in_quotes;
        else if (*p == '\n' && !in_quotes) {
          nl = p;
          break;
        }
      }
    }
    if (nl == nullptr && !eof_) {
      fill();
      continue;
    }
    char* const record_end = nl ? nl : stop;
    const std::size_t consumed = static_cast<std::size_t>(record_end - start) + (nl ? 1 : 0);
    if (consumed == 0) return false;  // end of input
    begin_ += consumed;
    consumed_bytes_ += consumed;
    record.line = line_;
    char* content_end = record_end;
    if (content_end > start && content_end[-1] == '\r') --content_end;
    if (quoted) {
      for (char* p = start; p < record_end; ++p) line_ += (*p == '\n');
    }
    line_ += nl ? 1 : 0;
    if (content_end == start) continue;  // blank line
    if (comment) continue;
    if (quoted) {
      split_quoted(start, content_end, record);
    } else {
      split_plain(start, content_end, record);
    }
    return true;
  }
}

void CsvReader::split_plain(const char* begin, const char* end, CsvRecord& record) const {
  const char* field = begin;
  for (const char* p = begin;; ++p) {
    if (p == end || *p == ',') {
      record.fields.emplace_back(field, static_cast<std::size_t>(p - field));
      record.columns.push_back(static_cast<std::uint32_t>(field - begin) + 1);
      if (p == end) break;
      field = p + 1;
    }
  }
}

// Quoted fields are unescaped in place ("" becomes "), which only ever shrinks
// them, so views into the buffer stay valid.
void CsvReader::split_quoted(char* begin, char* end, CsvRecord& record) {
  char* p = begin;
  const char* line_start = begin;
  for (;;) {
    const std::uint32_t column = static_cast<std::uint32_t>(p - line_start) + 1;
    if (p < end && *p == '"') {
      char* out = p;
      char* q = p + 1;
      bool closed = false;
      while (q < end) {
        if (*q == '"') {
          if (q + 1 < end && q[1] == '"') {
            *out++ = '"';
            q += 2;
            continue;
          }
          closed = true;
          ++q;
          break;
        }
        if (*q == '\n') line_start = q + 1;
        *out++ = *q++;
      }
      record.fields.emplace_back(p, static_cast<std::size_t>(out - p));
      record.columns.push_back(column);
      if (!closed && record.error.empty()) {
        record.error = "unclosed quote";
        record.error_column = column;
      }
      if (q < end && *q != ',' && record.error.empty()) {
        record.error = "text after a closing quote";
        record.error_column = static_cast<std::uint32_t>(q - line_start) + 1;
      }
      while (q < end && *q != ',') ++q;
      if (q == end) return;
      p = q + 1;
    } else {
      char* q = p;
      while (q < end && *q != ',') ++q;
      record.fields.emplace_back(p, static_cast<std::size_t>(q - p));
      record.columns.push_back(column);
      if (q == end) return;
      p = q + 1;
    }
  }
}

bool first_record(CsvReader& reader, CsvRecord& header, const std::string& file,
                  std::string_view expected, core::Diagnostics& diags) {
  if (reader.next(header)) return true;
  const auto slash = file.find_last_of('/');
  const std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
  diags.error(file, 1, 1, "missing-column", name + " is empty", "", std::string(expected));
  return false;
}

}  // namespace orebook::dataset
