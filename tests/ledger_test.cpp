// The ledger of closed periods (src/orebook/ledger, docs/design.md "The
// ledger"), every test on both stores: an SQLite file in a temporary folder,
// and a database of its own on the throwaway PostgreSQL server of the
// ledger-postgres fixture (tests/ledger/postgres-start.sh). Tampering is done
// as an intruder would, with the stores' own command-line tools (sqlite3,
// psql) on the database.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "orebook/core/hash.h"
#include "orebook/ledger/ledger.h"
#include "orebook/ledger/storage.h"

namespace orebook::ledger {
namespace {

namespace fs = std::filesystem;

enum class Backend { sqlite, postgresql };

void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::sqlite ? "sqlite" : "postgresql");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

struct Ran {
  int status = -1;  // as waitpid gives it
  std::string output;
  bool exited_ok() const { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }
};

// Runs a program (searched on the PATH) with extra environment variables,
// its standard output and error together. Everything the child needs is made
// before fork(), so it is safe from a thread of a threaded process.
Ran run(const std::vector<std::string>& argv,
        const std::vector<std::pair<std::string, std::string>>& env = {}) {
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    bool replaced = false;
    for (const auto& [name, value] : env) replaced = replaced || entry.starts_with(name + "=");
    if (!replaced) environment.push_back(entry);
  }
  for (const auto& [name, value] : env) environment.push_back(name + "=" + value);
  std::vector<char*> args, envp;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const std::string& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], 1);
    dup2(pipe_fds[1], 2);
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  Ran r;
  char buffer[4096];
  ssize_t n;
  while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
    r.output.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipe_fds[0]);
  waitpid(pid, &r.status, 0);
  return r;
}

// The fixture's files (tests/ledger/postgres-start.sh).
const fs::path kPostgresFiles = OREBOOK_LEDGER_FIXTURE_DIR;

std::string test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "_" + info->name();
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
  return out;
}

// A closing as the CLI would make one, small.
Closing sample(const std::string& period, int rows = 10) {
  Closing c;
  c.period = period;
  c.site = "Nuestra Señora";
  c.by = "A. Auditor";
  c.note = "";
  c.orebook_version = "0.1.0";
  c.files = {{"site.toml", core::sha256_hex("site " + period)},
             {"streams.csv", core::sha256_hex("streams " + period)},
             {"book.xlsx#Production", core::sha256_hex("book")}};
  for (int i = 0; i < rows; ++i) {
    c.rows.push_back({i % 2 ? "streams.csv" : "book.xlsx#Production",
                      static_cast<std::uint32_t>(i + 2),
                      core::sha256_hex(period + std::to_string(i))});
  }
  c.figures = {{"ore_mined", 123456.0, "t", "Ore mined"},
               {"head_grade.Ag", 0.1, "g/t", "Silver head grade"},
               {"recovery.Zn", std::nullopt, "%", "Zinc recovery"},
               {"third", 1.0 / 3.0, "", "A third"}};
  return c;
}

class LedgerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::sqlite) {
      folder_ = fs::temp_directory_path() /
                ("orebook-ledger-" + std::to_string(getpid()) + "-" + test_name());
      fs::remove_all(folder_);
      location_ = (folder_ / "books" / "ledger.sqlite").string();
      return;
    }
    const bool required = [] {
      const char* r = std::getenv("OREBOOK_REQUIRE_POSTGRES");
      return r != nullptr && std::string(r) == "1";
    }();
    std::string why;
    const std::string admin = read_file(kPostgresFiles / "postgres.uri");
    if (admin.empty()) {
      why = read_file(kPostgresFiles / "postgres.unavailable");
      if (why.empty()) {
        why = "the ledger-postgres fixture did not run (run the tests through ctest; " +
              kPostgresFiles.string() + " has no postgres.uri)";
      }
    } else {
      admin_ = admin;
      psql_ = read_file(kPostgresFiles / "postgres.bin") + "/psql";
      database_ = "t" + std::to_string(getpid()) + "_" + test_name();
      if (database_.size() > 63) database_.resize(63);
      const Ran created = psql(admin_, "CREATE DATABASE " + database_);
      if (!created.exited_ok()) {
        why = "cannot create a database on the fixture's server: " + created.output;
        database_.clear();
      }
      // std::regex is avoided in this file: GCC 12 reports a false
      // -Wmaybe-uninitialized inside it under the sanitizers.
      location_ = admin_;
      const auto slash = location_.find("/postgres?");
      location_.replace(slash, std::string_view("/postgres").size(), "/" + database_);
    }
    if (!why.empty()) {
      if (required) FAIL() << "PostgreSQL is required (OREBOOK_REQUIRE_POSTGRES=1): " << why;
      GTEST_SKIP() << "no PostgreSQL server for the ledger tests: " << why;
    }
  }

  void TearDown() override {
    if (!folder_.empty()) fs::remove_all(folder_);
    if (!database_.empty()) psql(admin_, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  }

  Ran psql(const std::string& uri, const std::string& sql) {
    return run({psql_, "-X", "-q", "-v", "ON_ERROR_STOP=1", uri, "-c", sql});
  }

  // SQL run by the store's command-line tool on the ledger, as an intruder
  // (or an administrator) would: `sqlite_sql` with sqlite3, `postgres_sql`
  // with psql.
  Ran tool(const std::string& sqlite_sql, const std::string& postgres_sql) {
    if (GetParam() == Backend::sqlite) return run({"sqlite3", "-bail", location_, sqlite_sql});
    return psql(location_, postgres_sql);
  }
  void tamper(const std::string& sqlite_sql, const std::string& postgres_sql) {
    const Ran r = tool(sqlite_sql, postgres_sql);
    ASSERT_TRUE(r.exited_ok()) << r.output;
  }

  // The store under the ledger, for counting raw rows.
  std::int64_t count(const std::string& table) {
    auto s =
        GetParam() == Backend::sqlite ? open_sqlite(location_, false) : open_postgres(location_);
    s->begin_read();
    const auto r = s->query("SELECT COUNT(*) FROM " + table);
    s->commit();
    return std::get<std::int64_t>(r.at(0).at(0));
  }

  std::unique_ptr<Ledger> open(bool create = true) { return Ledger::open(location_, create); }

  // Three entries: 2014Q1, 2014Q2, then 2014Q1 restated.
  std::unique_ptr<Ledger> three_entries() {
    auto ledger = open();
    ledger->close(sample("2014Q1"), false);
    ledger->close(sample("2014Q2"), false);
    Closing r = sample("2014Q1");
    r.note = "assays of March corrected";
    r.figures[1].value = 0.11;
    ledger->close(r, true);
    return ledger;
  }

  static std::string problems_text(const std::vector<Problem>& problems) {
    std::string text;
    for (const auto& p : problems) text += std::to_string(p.sequence) + ": " + p.what + "\n";
    return text;
  }

  fs::path folder_;
  std::string location_, admin_, psql_, database_;
};

// The names of the triggers, per store (sqlite_storage.cpp, postgres_storage.cpp).
std::string drop_trigger_sqlite(const std::string& table, const std::string& what) {
  return "DROP TRIGGER " + table + (what == "UPDATE" ? "_no_update;" : "_no_delete;");
}
std::string drop_trigger_postgres(const std::string& table) {
  return "DROP TRIGGER " + table + "_append_only ON " + table + ";";
}

TEST_P(LedgerTest, RoundTripKeepsEveryFieldExactly) {
  auto ledger = open();
  Closing c = sample("2014Q2", 1000);
  c.at = "2026-12-02T09:41:07Z";
  c.files.push_back({"données/Doré – août.csv", std::string(64, 'f')});
  c.rows.push_back({"book.xlsx#Sheet 1", std::numeric_limits<std::uint32_t>::max(), "x"});
  const std::vector<double> awkward{0.1,
                                    1.0 / 3.0,
                                    -2.5,
                                    1e-300,
                                    std::numeric_limits<double>::denorm_min(),
                                    std::numeric_limits<double>::max(),
                                    std::numeric_limits<double>::lowest(),
                                    123456789.12345679,
                                    9007199254740993.0,
                                    0.0};
  for (std::size_t i = 0; i < awkward.size(); ++i) {
    c.figures.push_back(
        {"awkward." + std::to_string(i), awkward[i], "u", "Label «" + std::to_string(i) + "»"});
  }
  c.figures.push_back({"negative_zero", -0.0, "t", "recorded as 0"});
  const Closing recorded = ledger->close(c, false);
  EXPECT_EQ(recorded.sequence, 1);
  EXPECT_EQ(recorded.version, 1);
  EXPECT_EQ(recorded.previous_hash, "");
  EXPECT_EQ(recorded.hash.size(), 64u);
  EXPECT_EQ(recorded.hash, entry_hash(recorded));

  // Read back through a fresh connection.
  ledger.reset();
  ledger = open(false);
  const auto back = ledger->latest("2014Q2");
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, recorded);  // every field, every child in order, doubles bit for bit
  EXPECT_EQ(back->at, "2026-12-02T09:41:07Z");
  EXPECT_EQ(back->rows.size(), 1001u);
  EXPECT_EQ(back->rows.back().line, std::numeric_limits<std::uint32_t>::max());
  EXPECT_FALSE(back->figures[2].value.has_value());  // unknown stays unknown
  for (std::size_t i = 0; i < awkward.size(); ++i) {
    ASSERT_TRUE(back->figures[4 + i].value);
    EXPECT_EQ(std::memcmp(&*back->figures[4 + i].value, &awkward[i], sizeof(double)), 0)
        << back->figures[4 + i].key;
  }
  EXPECT_FALSE(std::signbit(*back->figures.back().value));
  EXPECT_EQ(*ledger->entry(1), recorded);
  EXPECT_FALSE(ledger->entry(2));
  EXPECT_FALSE(ledger->latest("2014Q3"));
  EXPECT_EQ(ledger->head_hash(), recorded.hash);
  EXPECT_TRUE(ledger->verify().empty()) << problems_text(ledger->verify());
}

TEST_P(LedgerTest, TheLedgerSetsTheTimeWhenTheCallerDoesNot) {
  auto ledger = open();
  const Closing recorded = ledger->close(sample("2014Q2"), false);
  // "2026-12-02T09:41:07Z": digits everywhere but the separators.
  const std::string pattern = "dddd-dd-ddTdd:dd:ddZ";
  ASSERT_EQ(recorded.at.size(), pattern.size()) << recorded.at;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    EXPECT_TRUE(pattern[i] == 'd' ? std::isdigit(static_cast<unsigned char>(recorded.at[i])) != 0
                                  : recorded.at[i] == pattern[i])
        << recorded.at;
  }
  EXPECT_TRUE(recorded.at.starts_with("20")) << recorded.at;
}

TEST_P(LedgerTest, VersionsAndTheRulesOfARestatement) {
  auto ledger = open();
  const Closing q1 = ledger->close(sample("2014Q1"), false);
  const Closing q2 = ledger->close(sample("2014Q2"), false);
  EXPECT_EQ(q1.sequence, 1);
  EXPECT_EQ(q2.sequence, 2);
  EXPECT_EQ(q2.previous_hash, q1.hash);

  auto refused = [&](Closing c, bool restate, const std::string& message) {
    try {
      ledger->close(std::move(c), restate);
      ADD_FAILURE() << "not refused: " << message;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
      EXPECT_EQ(e.exit_code(), core::ExitCode::bad_input);
    }
  };
  refused(sample("2014Q1"), false, "2014Q1: it is already closed (version 1)");
  Closing no_note = sample("2014Q1");
  refused(no_note, true, "a restatement needs a note");
  no_note.note = " \n";
  refused(no_note, true, "a restatement needs a note");
  Closing never = sample("2014Q3");
  never.note = "why not";
  refused(never, true, "it was never closed");
  Closing nobody = sample("2014Q3");
  nobody.by = "";
  refused(nobody, false, "(by) is empty");
  Closing infinite = sample("2014Q3");
  infinite.figures[0].value = std::numeric_limits<double>::infinity();
  refused(infinite, false, "figure ore_mined is not a finite number");
  Closing not_utf8 = sample("2014Q3");
  not_utf8.site = "Se\xf1ora";
  refused(not_utf8, false, "not valid UTF-8");
  EXPECT_EQ(ledger->history().size(), 2u);  // nothing written by a refusal

  Closing restated = sample("2014Q1");
  restated.note = "assays of March corrected";
  const Closing v2 = ledger->close(restated, true);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.sequence, 3);
  EXPECT_EQ(v2.previous_hash, q2.hash);
  restated.note = "and again";
  EXPECT_EQ(ledger->close(restated, true).version, 3);

  EXPECT_EQ(ledger->latest("2014Q1")->version, 3);
  EXPECT_EQ(ledger->latest("2014Q2")->version, 1);
  const auto q1_history = ledger->history("2014Q1");
  ASSERT_EQ(q1_history.size(), 3u);  // every version kept
  EXPECT_EQ(q1_history[0].version, 1);
  EXPECT_EQ(q1_history[0].hash, q1.hash);
  EXPECT_EQ(q1_history[2].note, "and again");
  EXPECT_TRUE(q1_history[0].rows.empty());  // history leaves rows out
  EXPECT_EQ(q1_history[0].figures, q1.figures);
  EXPECT_TRUE(ledger->verify().empty()) << problems_text(ledger->verify());
}

TEST_P(LedgerTest, HistoryIsOldestFirstAndChained) {
  auto ledger = three_entries();
  const auto all = ledger->history();
  ASSERT_EQ(all.size(), 3u);
  std::string previous;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].sequence, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(all[i].previous_hash, previous);
    previous = all[i].hash;
  }
  EXPECT_EQ(all[0].period, "2014Q1");
  EXPECT_EQ(all[1].period, "2014Q2");
  EXPECT_EQ(all[2].period, "2014Q1");
  EXPECT_EQ(all[2].version, 2);
  EXPECT_EQ(ledger->head_hash(), all[2].hash);
  EXPECT_TRUE(ledger->history("2099Q1").empty());
  // The periods closed, each once, whatever its number of versions.
  EXPECT_EQ(ledger->periods(), (std::vector<std::string>{"2014Q1", "2014Q2"}));
  EXPECT_TRUE(ledger->verify(all[2].hash).empty());
  EXPECT_TRUE(ledger->verify(all[1].hash).empty());  // an older head: entries were added since
}

TEST_P(LedgerTest, TheDatabaseRefusesUpdateAndDelete) {
  three_entries();
  for (const std::string table :
       {"entries", "entry_files", "entry_rows", "entry_figures", "schema_version"}) {
    const Ran update = tool("UPDATE " + table + " SET sequence = sequence;",
                            "UPDATE " + table + " SET sequence = sequence;");
    if (table == "schema_version") continue;  // it has no sequence column; below
    EXPECT_FALSE(update.exited_ok()) << table;
    EXPECT_NE(update.output.find("append-only"), std::string::npos) << update.output;
    const Ran remove = tool("DELETE FROM " + table + ";", "DELETE FROM " + table + ";");
    EXPECT_FALSE(remove.exited_ok()) << table;
    EXPECT_NE(remove.output.find("append-only"), std::string::npos) << remove.output;
  }
  const Ran version =
      tool("UPDATE schema_version SET version = 1;", "UPDATE schema_version SET version = 1;");
  EXPECT_NE(version.output.find("append-only"), std::string::npos) << version.output;
  if (GetParam() == Backend::postgresql) {
    const Ran truncate = tool("", "TRUNCATE entry_rows;");
    EXPECT_NE(truncate.output.find("append-only"), std::string::npos) << truncate.output;
  }
  EXPECT_TRUE(open()->verify().empty());
}

// A tampering and what verify() must say of it.
struct Tampering {
  std::string name;
  std::string sqlite_sql, postgres_sql;
  std::vector<std::pair<std::int64_t, std::string>> expected;  // sequence, part of the message
};

TEST_P(LedgerTest, VerifyFindsEveryTampering) {
  const std::string edited = "its contents do not give its hash";
  const std::vector<Tampering> cases{
      {"a figure's value changed",
       drop_trigger_sqlite("entry_figures", "UPDATE") +
           "UPDATE entry_figures SET value = 0.12 WHERE sequence = 2 AND position = 1;",
       drop_trigger_postgres("entry_figures") +
           "UPDATE entry_figures SET value = 0.12 WHERE sequence = 2 AND position = 1;",
       {{2, edited}, {0, "entry_figures"}}},
      {"an unknown figure made known",
       drop_trigger_sqlite("entry_figures", "UPDATE") +
           "UPDATE entry_figures SET value = 0 WHERE value IS NULL AND sequence = 1;",
       drop_trigger_postgres("entry_figures") +
           "UPDATE entry_figures SET value = 0 WHERE value IS NULL AND sequence = 1;",
       {{1, edited}}},
      {"a header changed",
       drop_trigger_sqlite("entries", "UPDATE") +
           "UPDATE entries SET closed_by = 'Mallory' WHERE sequence = 1;",
       drop_trigger_postgres("entries") +
           "UPDATE entries SET closed_by = 'Mallory' WHERE sequence = 1;",
       {{1, edited}}},
      {"a file's hash changed",
       drop_trigger_sqlite("entry_files", "UPDATE") +
           "UPDATE entry_files SET sha256 = 'x' WHERE sequence = 3 AND position = 0;",
       drop_trigger_postgres("entry_files") +
           "UPDATE entry_files SET sha256 = 'x' WHERE sequence = 3 AND position = 0;",
       {{3, edited}}},
      {"a row changed",
       drop_trigger_sqlite("entry_rows", "UPDATE") +
           "UPDATE entry_rows SET line = 99 WHERE sequence = 2 AND position = 4;",
       drop_trigger_postgres("entry_rows") +
           "UPDATE entry_rows SET line = 99 WHERE sequence = 2 AND position = 4;",
       {{2, edited}}},
      {"a middle entry deleted",
       drop_trigger_sqlite("entries", "DELETE") + "DELETE FROM entries WHERE sequence = 2;",
       drop_trigger_postgres("entries") + "DELETE FROM entries WHERE sequence = 2;",
       {{3, "the sequence jumps from 1 to 3"},
        {3, "previous_hash is not the hash of the entry before it"},
        {2, "belong to no entry"}}},
      {"a middle entry deleted whole, its children too",
       drop_trigger_sqlite("entries", "DELETE") + drop_trigger_sqlite("entry_files", "DELETE") +
           drop_trigger_sqlite("entry_rows", "DELETE") +
           drop_trigger_sqlite("entry_figures", "DELETE") +
           "DELETE FROM entries WHERE sequence = 2; DELETE FROM entry_files WHERE sequence = 2;"
           "DELETE FROM entry_rows WHERE sequence = 2; DELETE FROM entry_figures WHERE sequence "
           "= 2;",
       "DROP TRIGGER entries_append_only ON entries; DROP TRIGGER entry_files_append_only ON "
       "entry_files; DROP TRIGGER entry_rows_append_only ON entry_rows; DROP TRIGGER "
       "entry_figures_append_only ON entry_figures; DELETE FROM entries WHERE sequence = 2; "
       "DELETE FROM entry_files WHERE sequence = 2; DELETE FROM entry_rows WHERE sequence = 2; "
       "DELETE FROM entry_figures WHERE sequence = 2;",
       {{3, "the sequence jumps from 1 to 3"},
        {3, "previous_hash is not the hash of the entry before it"}}},
      {"two entries' sequences swapped",
       drop_trigger_sqlite("entries", "UPDATE") +
           "UPDATE entries SET sequence = -1 WHERE sequence = 1;"
           "UPDATE entries SET sequence = 1 WHERE sequence = 2;"
           "UPDATE entries SET sequence = 2 WHERE sequence = -1;",
       drop_trigger_postgres("entries") + "UPDATE entries SET sequence = -1 WHERE sequence = 1;"
                                          "UPDATE entries SET sequence = 1 WHERE sequence = 2;"
                                          "UPDATE entries SET sequence = 2 WHERE sequence = -1;",
       {{1, edited},
        {1, "previous_hash"},
        {2, edited},
        {2, "previous_hash"},
        {3, "previous_hash"}}},
      {"a child row deleted",
       drop_trigger_sqlite("entry_rows", "DELETE") +
           "DELETE FROM entry_rows WHERE sequence = 1 AND position = 3;",
       drop_trigger_postgres("entry_rows") +
           "DELETE FROM entry_rows WHERE sequence = 1 AND position = 3;",
       {{1, edited}}},
      {"a child row added (the triggers allow INSERT)",
       "INSERT INTO entry_rows VALUES (1, 999, 'streams.csv', 77, 'abc');",
       "INSERT INTO entry_rows VALUES (1, 999, 'streams.csv', 77, 'abc');",
       {{1, edited}}},
      {"a figure added to no entry",
       "INSERT INTO entry_figures VALUES (7, 0, 'k', 1.0, 't', 'l');",
       "INSERT INTO entry_figures VALUES (7, 0, 'k', 1.0, 't', 'l');",
       {{7, "belong to no entry"}}},
      {"a trigger dropped alone",
       drop_trigger_sqlite("entries", "DELETE"),
       GetParam() == Backend::sqlite ? "" : drop_trigger_postgres("entries"),
       {{0, "table entries has no trigger refusing"}}},
      {"a trigger replaced by one that does nothing",
       "DROP TRIGGER entry_rows_no_update; CREATE TRIGGER entry_rows_no_update BEFORE UPDATE ON "
       "entry_rows BEGIN SELECT 1; END;",
       "CREATE OR REPLACE FUNCTION orebook_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
       "BEGIN RETURN OLD; END $$;",
       {{0, "entry_rows"}}},
      {"a trigger disabled",
       "DROP TRIGGER schema_version_no_update;",
       "ALTER TABLE schema_version DISABLE TRIGGER schema_version_append_only;",
       {{0, "schema_version"}}},
  };
  for (const Tampering& t : cases) {
    SCOPED_TRACE(t.name);
    TearDown();
    SetUp();
    three_entries();
    tamper(t.sqlite_sql, t.postgres_sql);
    const auto problems = open(false)->verify();
    const std::string text = problems_text(problems);
    EXPECT_FALSE(problems.empty());
    for (const auto& [sequence, what] : t.expected) {
      bool found = false;
      for (const Problem& p : problems) {
        found = found || (p.sequence == sequence && p.what.find(what) != std::string::npos);
      }
      EXPECT_TRUE(found) << "expected " << sequence << ": " << what << "\nfound:\n" << text;
    }
  }
}

TEST_P(LedgerTest, DeletingTheNewestEntryShowsOnlyAgainstAHeadKeptOutside) {
  auto ledger = three_entries();
  const std::string head = ledger->head_hash();
  ledger.reset();
  // Delete the newest entry and its children, then put the triggers back as
  // they were: the database alone shows nothing.
  if (GetParam() == Backend::sqlite) {
    std::string sql;
    std::string restore;
    for (const std::string t : {"entries", "entry_files", "entry_rows", "entry_figures"}) {
      sql += drop_trigger_sqlite(t, "DELETE") + "DELETE FROM " + t + " WHERE sequence = 3;";
      restore += "CREATE TRIGGER " + t + "_no_delete BEFORE DELETE ON " + t +
                 " BEGIN SELECT RAISE(ABORT, 'orebook ledger: " + t +
                 " is append-only (DELETE refused)'); END;";
    }
    tamper(sql + restore, "");
  } else {
    std::string sql;
    for (const std::string t : {"entries", "entry_files", "entry_rows", "entry_figures"}) {
      sql += "ALTER TABLE " + t + " DISABLE TRIGGER " + t + "_append_only; DELETE FROM " + t +
             " WHERE sequence = 3; ALTER TABLE " + t + " ENABLE TRIGGER " + t + "_append_only;";
    }
    tamper("", sql);
  }
  ledger = open(false);
  EXPECT_EQ(ledger->history().size(), 2u);
  EXPECT_TRUE(ledger->verify().empty()) << problems_text(ledger->verify());
  const auto problems = ledger->verify(head);
  ASSERT_EQ(problems.size(), 1u) << problems_text(problems);
  EXPECT_EQ(problems[0].sequence, 0);
  EXPECT_NE(problems[0].what.find("is not in the chain"), std::string::npos);
}

TEST_P(LedgerTest, AnOlderSchemaIsMigratedANewerOneRefused) {
  // Schema 0: a schema_version table and nothing else.
  {
    Ran r = GetParam() == Backend::sqlite
                ? (fs::create_directories(fs::path(location_).parent_path()),
                   run({"sqlite3", location_,
                        "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, applied_at TEXT "
                        "NOT NULL);"}))
                : psql(location_,
                       "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, applied_at TEXT "
                       "NOT NULL);");
    ASSERT_TRUE(r.exited_ok()) << r.output;
    auto ledger = open(false);
    EXPECT_EQ(ledger->schema_version(), Ledger::code_schema_version());
    ledger->close(sample("2014Q1"), false);
    // Migrated without its triggers, schema_version is the one table verify
    // reports.
    const auto problems = ledger->verify();
    for (const Problem& p : problems) EXPECT_NE(p.what.find("schema_version"), std::string::npos);
  }
  TearDown();
  SetUp();
  // Schema 1, with an entry, then opened by this orebook.
  {
    auto s = GetParam() == Backend::sqlite
                 ? (fs::create_directories(fs::path(location_).parent_path()),
                    open_sqlite(location_, true))
                 : open_postgres(location_);
    s->begin_exclusive();
    EXPECT_EQ(apply_migrations(*s, 1), 1);
    s->commit();
    s->begin_read();
    EXPECT_TRUE(s->has_table("entries"));
    s->commit();
  }
  {
    auto ledger = open(false);
    EXPECT_EQ(ledger->schema_version(), Ledger::code_schema_version());
    ledger->close(sample("2014Q1"), false);
    EXPECT_TRUE(ledger->verify().empty()) << problems_text(ledger->verify());
    const Ran versions =
        tool("SELECT COUNT(*) FROM schema_version;", "SELECT COUNT(*) FROM schema_version;");
    EXPECT_NE(versions.output.find(std::to_string(Ledger::code_schema_version())),
              std::string::npos);
  }
  // A newer schema.
  tamper("INSERT INTO schema_version VALUES (99, 'later');",
         "INSERT INTO schema_version VALUES (99, 'later');");
  try {
    open(false);
    ADD_FAILURE() << "a newer schema opened";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("its schema is version 99, newer than this orebook's"),
              std::string::npos)
        << e.what();
  }
}

TEST_P(LedgerTest, ALedgerIsCreatedOnlyWhenAskedTo) {
  try {
    open(false);
    ADD_FAILURE() << "opened a ledger that is not there";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_TRUE(what.find("no such file") != std::string::npos ||
                what.find("holds no orebook ledger") != std::string::npos)
        << what;
  }
  open(true)->close(sample("2014Q1"), false);
  EXPECT_EQ(open(false)->history().size(), 1u);
}

// A close killed (SIGKILL) after its entry and half its rows were written
// leaves the ledger as it was.
TEST_P(LedgerTest, AKilledCloseLeavesNothingHalfWritten) {
  const std::string head = three_entries()->head_hash();
  const auto before = open(false)->history();
  const std::int64_t rows_before = count("entry_rows");
  const std::int64_t files_before = count("entry_files");
  const std::int64_t figures_before = count("entry_figures");

  const Ran killed = run({OREBOOK_LEDGER_HELPER, location_, "2014Q3", "2000"},
                         {{"OREBOOK_FAULT", "ledger-mid-close"}});
  ASSERT_TRUE(WIFSIGNALED(killed.status) && WTERMSIG(killed.status) == SIGKILL)
      << "status " << killed.status << ": " << killed.output;

  auto ledger = open(false);
  EXPECT_EQ(ledger->history(), before);
  EXPECT_EQ(ledger->head_hash(), head);
  EXPECT_TRUE(ledger->verify(head).empty()) << problems_text(ledger->verify(head));
  EXPECT_EQ(count("entries"), 3);
  EXPECT_EQ(count("entry_rows"), rows_before);
  EXPECT_EQ(count("entry_files"), files_before);
  EXPECT_EQ(count("entry_figures"), figures_before);
  EXPECT_FALSE(ledger->latest("2014Q3"));

  // The period can be closed afterwards: nothing was left locked.
  const Ran closed = run({OREBOOK_LEDGER_HELPER, location_, "2014Q3", "2000"});
  ASSERT_TRUE(closed.exited_ok()) << closed.output;
  EXPECT_EQ(ledger->latest("2014Q3")->sequence, 4);
  EXPECT_EQ(count("entry_rows"), rows_before + 2000);
  EXPECT_TRUE(ledger->verify().empty()) << problems_text(ledger->verify());
}

// Closes from several connections at once, each slowed inside its
// transaction so they overlap: serialised, the chain intact, and of two
// closes of one period exactly one wins.
TEST_P(LedgerTest, ConcurrentClosesAreSerialised) {
  open()->close(sample("2014Q4"), false);
  const std::vector<std::string> periods{"2015Q1", "2015Q2", "2015Q3",
                                         "2015Q4", "2016Q1", "2016Q1"};
  setenv("OREBOOK_FAULT", "ledger-slow-close", 1);
  std::mutex mutex;
  std::vector<std::string> won, refused, failed;
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& period : periods) {
    threads.emplace_back([&, period] {
      try {
        auto ledger = Ledger::open(location_, false);  // a connection of its own
        ledger->close(sample(period, 500), false);
        std::lock_guard lock(mutex);
        won.push_back(period);
      } catch (const Error& e) {
        std::lock_guard lock(mutex);
        (std::string(e.what()).find("already closed") != std::string::npos ? refused : failed)
            .push_back(period + ": " + e.what());
      }
    });
  }
  for (auto& t : threads) t.join();
  unsetenv("OREBOOK_FAULT");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  EXPECT_TRUE(failed.empty()) << failed.front();
  EXPECT_EQ(won.size(), 5u);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_NE(refused[0].find("2016Q1"), std::string::npos) << refused[0];
  // Six closes of 200 ms each, one after the other.
  EXPECT_GE(seconds, 1.2);

  auto ledger = open(false);
  const auto all = ledger->history();
  ASSERT_EQ(all.size(), 6u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].sequence, static_cast<std::int64_t>(i + 1));
  }
  EXPECT_EQ(ledger->history("2016Q1").size(), 1u);
  EXPECT_EQ(count("entry_rows"), 10 + 5 * 500);
  EXPECT_TRUE(ledger->verify().empty()) << problems_text(ledger->verify());
}

// The same race between processes (the CLI's case): each runs the helper.
TEST_P(LedgerTest, ConcurrentClosesFromProcesses) {
  open()->close(sample("2014Q4"), false);
  std::vector<std::thread> threads;
  std::vector<Ran> runs(4);
  const std::vector<std::string> periods{"2017Q1", "2017Q2", "2017Q3", "2017Q3"};
  for (std::size_t i = 0; i < periods.size(); ++i) {
    threads.emplace_back([&, i] {
      runs[i] = run({OREBOOK_LEDGER_HELPER, location_, periods[i], "300"},
                    {{"OREBOOK_FAULT", "ledger-slow-close"}});
    });
  }
  for (auto& t : threads) t.join();
  int won = 0, refused = 0;
  for (const Ran& r : runs) {
    if (r.exited_ok()) {
      ++won;
    } else {
      EXPECT_NE(r.output.find("2017Q3: it is already closed"), std::string::npos) << r.output;
      ++refused;
    }
  }
  EXPECT_EQ(won, 3);
  EXPECT_EQ(refused, 1);
  auto ledger = open(false);
  EXPECT_EQ(ledger->history().size(), 4u);
  EXPECT_TRUE(ledger->verify().empty()) << problems_text(ledger->verify());
}

// What a close of 10,000 rows costs (docs/design.md, "The ledger"); the
// bound only catches a pathology (a round trip per row on PostgreSQL).
TEST_P(LedgerTest, ACloseOfTenThousandRows) {
  auto ledger = open();
  ledger->close(sample("2014Q1"), false);
  const Closing big = sample("2014Q2", 10'000);
  auto start = std::chrono::steady_clock::now();
  ledger->close(big, false);
  const double close_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  start = std::chrono::steady_clock::now();
  EXPECT_TRUE(ledger->verify().empty());
  const double verify_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("close_seconds", std::to_string(close_s));
  RecordProperty("verify_seconds", std::to_string(verify_s));
  std::printf("close of 10,000 rows: %.3f s; verify: %.3f s\n", close_s, verify_s);
  EXPECT_LT(close_s, 30.0);
  EXPECT_EQ(ledger->latest("2014Q2")->rows.size(), 10'000u);
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::sqlite ? "sqlite" : "postgresql";
                         });

// The serialisation is unambiguous: moving a byte from one field to the next,
// or an unknown figure against any number, changes the hash.
TEST(LedgerHash, TheSerialisationIsUnambiguous) {
  Closing a = sample("2014Q1", 2);
  Closing b = a;
  a.site = "ab";
  a.by = "c";
  b.site = "a";
  b.by = "bc";
  EXPECT_NE(entry_hash(a), entry_hash(b));
  Closing unknown = sample("2014Q1", 2), zero = unknown;
  unknown.figures[0].value.reset();
  zero.figures[0].value = 0.0;
  EXPECT_NE(entry_hash(unknown), entry_hash(zero));
  Closing near = sample("2014Q1", 2);
  near.figures[1].value = std::nextafter(0.1, 1.0);
  EXPECT_NE(entry_hash(near), entry_hash(sample("2014Q1", 2)));
  Closing linked = sample("2014Q1", 2);
  linked.previous_hash = std::string(64, '0');
  EXPECT_NE(entry_hash(linked), entry_hash(sample("2014Q1", 2)));
  // A row moved from one entry's files to its rows is another text.
  EXPECT_EQ(entry_hash(sample("2014Q1", 2)), entry_hash(sample("2014Q1", 2)));
  EXPECT_NE(entry_serialisation(sample("2014Q1", 2)).find("d3fb999999999999a;"),
            std::string::npos);  // 0.1, its 64 bits in hex
}

}  // namespace
}  // namespace orebook::ledger
