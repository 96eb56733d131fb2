#pragma once
// A small RFC 4180 CSV reader that streams a file in chunks, so that a file of
// ten million rows never sits in memory whole (docs/performance.md). Fields are
// views into the reader's buffer, valid until the next call to next().

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "orebook/core/diagnostic.h"

namespace orebook::dataset {

struct CsvRecord {
  std::uint32_t line = 0;  // 1-based physical line where the record starts
  std::vector<std::string_view> fields;
  std::vector<std::uint32_t> columns;  // 1-based column of each field's first character
  // Set when the record is not well-formed CSV (an unclosed quote, text after
  // a closing quote); `error_column` says where.
  std::string error;
  std::uint32_t error_column = 0;
  // Set with `error` by a record source that is not CSV text (a cell of a
  // sheet holding an Excel error, xlsx.h): the code, the text found and what
  // was expected. Empty: "csv-syntax".
  std::string error_code;
  std::string error_found;
  std::string error_expected;
};

// Records that do not come from CSV text: the rows of a sheet of a workbook
// (xlsx.h). A CsvReader built on one yields its records through the same
// next() the loaders call, one indirect call a record (not a field), so the
// loaders read a sheet as they read a CSV file.
class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // As CsvReader::next: the next record, its fields valid until the next call.
  virtual bool next(CsvRecord& record) = 0;
  virtual std::uint64_t total_bytes() const = 0;
  virtual std::uint64_t consumed_bytes() const = 0;
};

class CsvReader {
 public:
  // Reads `path`. When it cannot be opened, ok() is false and open_error()
  // says why.
  explicit CsvReader(const std::string& path, std::size_t chunk_bytes = std::size_t{1} << 22);
  // Reads from memory (tests, and files already in memory).
  static CsvReader from_string(std::string text);
  // Yields the records of `source` (never null).
  static CsvReader from_source(std::unique_ptr<RecordSource> source);

  CsvReader(CsvReader&&) noexcept = default;
  CsvReader& operator=(CsvReader&&) noexcept = default;
  ~CsvReader();

  bool ok() const { return open_error_.empty(); }
  const std::string& open_error() const { return open_error_; }

  // Reads the next record, skipping blank lines and comment lines (starting
  // with '#'). False at end of input.
  bool next(CsvRecord& record) {
    if (source_) [[unlikely]] {
      return source_->next(record);
    }
    return next_csv(record);
  }

  // Size of the whole input in bytes, and how much of it next() has consumed:
  // callers use them to reserve storage once instead of growing it.
  std::uint64_t total_bytes() const { return source_ ? source_->total_bytes() : total_bytes_; }
  std::uint64_t consumed_bytes() const {
    return source_ ? source_->consumed_bytes() : consumed_bytes_;
  }

 private:
  CsvReader() = default;
  bool next_csv(CsvRecord& record);
  // Appends more of the file to the buffer; false at end of file.
  bool fill();
  void split_plain(const char* begin, const char* end, CsvRecord& record) const;
  void split_quoted(char* begin, char* end, CsvRecord& record);

  std::unique_ptr<RecordSource> source_;
  std::FILE* file_ = nullptr;
  std::string open_error_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // start of unread data in buffer_
  std::size_t end_ = 0;    // end of valid data in buffer_
  std::size_t chunk_ = 0;
  bool eof_ = false;
  bool first_ = true;  // a UTF-8 byte order mark is skipped at the very start
  std::uint32_t line_ = 1;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t consumed_bytes_ = 0;
};

// The first record of a data file: its header. An empty file (or one of blank
// and comment lines alone) is a "missing-column" error at 1:1, "<name> is
// empty", expected `header`; false then.
bool first_record(CsvReader& reader, CsvRecord& header, const std::string& file,
                  std::string_view expected, core::Diagnostics& diags);

}  // namespace orebook::dataset
