#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "orebook/dataset/csv.h"

namespace orebook::dataset {
namespace {

struct Row {
  std::uint32_t line;
  std::vector<std::string> fields;
  std::string error;
};

std::vector<Row> read_all(CsvReader r) {
  std::vector<Row> out;
  CsvRecord rec;
  while (r.next(rec)) {
    Row row{rec.line, {}, rec.error};
    for (auto f : rec.fields) row.fields.emplace_back(f);
    out.push_back(std::move(row));
  }
  return out;
}

TEST(Csv, PlainRecordsWithLinesAndColumns) {
  auto r = CsvReader::from_string("a,b,c\n1,,3\n");
  CsvRecord rec;
  ASSERT_TRUE(r.next(rec));
  ASSERT_TRUE(r.next(rec));
  EXPECT_EQ(rec.line, 2u);
  ASSERT_EQ(rec.fields.size(), 3u);
  EXPECT_EQ(rec.fields[1], "");
  EXPECT_EQ(rec.columns[0], 1u);
  EXPECT_EQ(rec.columns[1], 3u);
  EXPECT_EQ(rec.columns[2], 4u);
  EXPECT_FALSE(r.next(rec));
}

TEST(Csv, ByteOrderMarkCrlfBlankLinesAndNoFinalNewline) {
  const auto rows = read_all(CsvReader::from_string("\xEF\xBB\xBFx,y\r\n\r\n\n1,2\r\n3,4"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields[0], "x");
  EXPECT_EQ(rows[1].line, 4u);
  EXPECT_EQ(rows[1].fields[1], "2");
  EXPECT_EQ(rows[2].fields[1], "4");
}

TEST(Csv, CommentLinesAreSkipped) {
  const auto rows =
      read_all(CsvReader::from_string("# illustrative\na,b\n# more\n1,2\n\"#x\",3\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[1].line, 4u);
  EXPECT_EQ(rows[2].fields[0], "#x");  // a quoted field is data
}

// Found on real data: a comment quoting a release ("Tonnes milled") was read
// as a record, since the quote made the reader look for a quoted field.
TEST(Csv, CommentLinesWithQuotesAreSkipped) {
  const auto rows = read_all(CsvReader::from_string(
      "# from the \"Production\" table, \"Tonnes milled\"\na,b\n# an \"odd quote\n1,2\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[0].fields[0], "a");
  EXPECT_EQ(rows[1].line, 4u);
  EXPECT_EQ(rows[1].fields[1], "2");
}

TEST(Csv, QuotedFields) {
  const auto rows =
      read_all(CsvReader::from_string("\"a,b\",\"say \"\"hi\"\"\",c\n\"multi\nline\",2\nnext,3\n"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields[0], "a,b");
  EXPECT_EQ(rows[0].fields[1], "say \"hi\"");
  EXPECT_EQ(rows[1].fields[0], "multi\nline");
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 4u);  // the quoted newline counts as a line
}

TEST(Csv, MalformedQuotingIsReported) {
  auto rows = read_all(CsvReader::from_string("\"abc\"x,1\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].error, "text after a closing quote");
  rows = read_all(CsvReader::from_string("1,\"open\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].error, "unclosed quote");
}

TEST(Csv, ChunkBoundariesDoNotChangeWhatIsRead) {
  std::string text = "period,stream,dry_t\n";
  for (int i = 0; i < 500; ++i) {
    text += "2012-01-" + std::to_string(1 + i % 28) + ",\"s,\"\"" + std::to_string(i) + "\"," +
            std::to_string(i * 1.5) + "\n";
  }
  const auto path = std::filesystem::temp_directory_path() / "orebook_csv_chunk_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  const auto expected = read_all(CsvReader::from_string(text));
  for (std::size_t chunk : {7u, 64u, 1000u}) {
    const auto got = read_all(CsvReader(path.string(), chunk));
    ASSERT_EQ(got.size(), expected.size()) << chunk;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].fields, expected[i].fields) << "chunk " << chunk << " row " << i;
      EXPECT_EQ(got[i].line, expected[i].line);
    }
  }
  std::filesystem::remove(path);
}

TEST(Csv, MissingFileIsReported) {
  CsvReader r("/nonexistent/orebook/streams.csv");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.open_error().empty());
}

}  // namespace
}  // namespace orebook::dataset

#include <charconv>
#include <random>

#include "orebook/dataset/dataset.h"

namespace orebook::dataset {
namespace {

// The fast path for plain decimals must give exactly the double from_chars gives.
TEST(Number, SameDoubleAsFromChars) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> digits(1, 17), point(0, 17), sign(0, 3);
  for (int n = 0; n < 200000; ++n) {
    std::string s = sign(rng) == 0 ? "-" : "";
    const int d = digits(rng), p = point(rng);
    for (int k = 0; k < d; ++k) {
      if (k == p && k > 0) s += '.';
      s += static_cast<char>('0' + rng() % 10);
    }
    double expected = 0;
    std::from_chars(s.data(), s.data() + s.size(), expected);
    const auto got = parse_number(s);
    ASSERT_TRUE(got) << s;
    ASSERT_EQ(*got, expected) << s;
  }
}

TEST(Number, RejectsWhatIsNotANumber) {
  for (const char* s :
       {"", " ", "1,5", "12x", "1.2.3", "--1", "+1", "nan", "inf", "1e400", ".", "-", "5%"}) {
    EXPECT_FALSE(parse_number(s)) << s;
  }
  EXPECT_EQ(*parse_number(" 21251 "), 21251.0);
  EXPECT_EQ(*parse_number("1.2e3"), 1200.0);
  EXPECT_EQ(*parse_number(".5"), 0.5);
  EXPECT_EQ(*parse_number("-0"), 0.0);
}

}  // namespace
}  // namespace orebook::dataset
