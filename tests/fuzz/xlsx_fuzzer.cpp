// libFuzzer target for the workbook reader (docs/fuzzing.md): any bytes in,
// never a crash, a hang, unbounded memory or a sanitizer report out.
//   /tmp/xlsx_fuzzer -max_total_time=300 -max_len=16384 -timeout=10 /tmp/xlsx-corpus
//
// Mutated zips mostly fail their CRC before any XML is read, so the first
// byte chooses what the rest is:
//   even: a whole .xlsx file;
//   odd:  the sheet XML, then (each after a line "--") the shared strings, the
//         styles and workbook.xml, put into a well-formed zip with the
//         relationships, so the mutations reach the XML handlers.

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "orebook/dataset/xlsx.h"

namespace {

constexpr std::string_view kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";
constexpr std::string_view kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";

// Writes a zip of `parts` (name, text) to `path` with libzip.
void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& parts) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (z == nullptr) return;
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    if (s != nullptr && zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE) < 0) zip_source_free(s);
  }
  zip_close(z);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string path = "/tmp/xlsx-fuzz-" + std::to_string(getpid()) + ".xlsx";
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return 0;
    std::fwrite(rest.data(), 1, rest.size(), f);
    std::fclose(f);
  } else {
    std::vector<std::string> pieces;
    std::string_view r = rest;
    for (;;) {
      const auto sep = r.find("\n--\n");
      pieces.emplace_back(r.substr(0, sep));
      if (sep == std::string_view::npos) break;
      r.remove_prefix(sep + 4);
    }
    pieces.resize(4);
    if (pieces[3].empty()) pieces[3] = kWorkbook;
    write_zip(path, {{"xl/workbook.xml", pieces[3]},
                     {"xl/_rels/workbook.xml.rels", std::string(kRels)},
                     {"xl/worksheets/sheet1.xml", pieces[0]},
                     {"xl/sharedStrings.xml", pieces[1]},
                     {"xl/styles.xml", pieces[2]}});
  }
  orebook::core::Diagnostics diags;
  // Small caps, so that a bomb is refused quickly rather than read for long.
  orebook::dataset::XlsxLimits limits;
  limits.max_part_bytes = 1 << 20;
  limits.max_sheet_bytes = 4 << 20;
  limits.max_cell_bytes = 1 << 16;
  auto sheet = orebook::dataset::open_sheet(path, "", nullptr, diags, limits);
  if (sheet.source) {
    auto reader = orebook::dataset::CsvReader::from_source(std::move(sheet.source));
    orebook::dataset::CsvRecord rec;
    std::size_t fields = 0;
    while (reader.next(rec)) {
      // Every field is read, as a loader would.
      for (std::string_view f : rec.fields) fields += f.size();
      if (rec.fields.size() != rec.columns.size()) __builtin_trap();
    }
    (void)fields;
  }
  for (const auto& d : diags.items()) (void)orebook::core::to_string(d);
  return 0;
}
