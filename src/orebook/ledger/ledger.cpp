// The ledger above its store (docs/design.md, "The ledger"): the schema and
// its migrations, the canonical serialisation and the hash chain, the rules
// of a close, and verify(). Nothing here depends on which store is below.

#include "orebook/ledger/ledger.h"

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <string_view>
#include <thread>

#include "orebook/core/hash.h"
#include "orebook/ledger/storage.h"

namespace orebook::ledger {
namespace {

// ---------------------------------------------------------------- schema --

// The tables of the ledger, child tables keyed by (sequence, position): one
// SQL text for both stores (BIGINT, DOUBLE PRECISION and TEXT mean the same
// in SQLite's type affinity and in PostgreSQL). `by` and `at` are reserved
// words in SQL, hence closed_by and closed_at.
constexpr std::string_view kSchemaVersionTable =
    "CREATE TABLE schema_version (\n"
    "  version BIGINT PRIMARY KEY,\n"
    "  applied_at TEXT NOT NULL\n"
    ");\n";

constexpr std::string_view kTablesV1 =
    "CREATE TABLE entries (\n"
    "  sequence BIGINT PRIMARY KEY,\n"
    "  period TEXT NOT NULL,\n"
    "  version BIGINT NOT NULL,\n"
    "  site TEXT NOT NULL,\n"
    "  closed_by TEXT NOT NULL,\n"
    "  note TEXT NOT NULL,\n"
    "  closed_at TEXT NOT NULL,\n"
    "  orebook_version TEXT NOT NULL,\n"
    "  previous_hash TEXT NOT NULL,\n"
    "  hash TEXT NOT NULL,\n"
    "  UNIQUE (period, version)\n"
    ");\n"
    "CREATE TABLE entry_files (\n"
    "  sequence BIGINT NOT NULL,\n"
    "  position BIGINT NOT NULL,\n"
    "  file TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  PRIMARY KEY (sequence, position)\n"
    ");\n"
    "CREATE TABLE entry_rows (\n"
    "  sequence BIGINT NOT NULL,\n"
    "  position BIGINT NOT NULL,\n"
    "  file TEXT NOT NULL,\n"
    "  line BIGINT NOT NULL,\n"
    "  sha256 TEXT NOT NULL,\n"
    "  PRIMARY KEY (sequence, position)\n"
    ");\n"
    "CREATE TABLE entry_figures (\n"
    "  sequence BIGINT NOT NULL,\n"
    "  position BIGINT NOT NULL,\n"
    "  key TEXT NOT NULL,\n"
    "  value DOUBLE PRECISION,\n"
    "  unit TEXT NOT NULL,\n"
    "  label TEXT NOT NULL,\n"
    "  PRIMARY KEY (sequence, position)\n"
    ");\n";

const std::vector<std::string>& ledger_tables() {
  static const std::vector<std::string> tables{"schema_version", "entries", "entry_files",
                                               "entry_rows", "entry_figures"};
  return tables;
}

// A migration: the DDL that takes the schema from version-1 to version.
struct Migration {
  int version;
  std::string (*ddl)(const Storage&);
};

std::string migration_1(const Storage& s) {
  std::string ddl(kTablesV1);
  for (const char* t : {"entries", "entry_files", "entry_rows", "entry_figures"}) {
    ddl += s.append_only_ddl(t);
  }
  return ddl;
}

// verify(expected_head) looks a hash up.
std::string migration_2(const Storage&) { return "CREATE INDEX entries_hash ON entries (hash);\n"; }

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list{{1, &migration_1}, {2, &migration_2}};
  return list;
}

int latest_schema() { return migrations().back().version; }

// ---------------------------------------------------------- conversions --

std::int64_t as_int(const Value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

std::string as_text(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  return "";
}

std::optional<double> as_number(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  return std::nullopt;
}

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// Valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF)
// without NUL.
bool storable_text(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(n) >= s.size()) return false;  // truncated
    for (int k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(n) + 1;
  }
  return true;
}

// ---------------------------------------------------------------- faults --

// Fault injection for the tests (tests/ledger_test.cpp): OREBOOK_FAULT names
// one point. ledger-mid-close: the process kills itself (SIGKILL) inside a
// close, after the entry and half of its rows are written, before COMMIT.
// ledger-slow-close: a close sleeps 200 ms after reading the head, inside its
// transaction, so concurrent closes overlap.
bool fault(std::string_view name) {
  const char* f = std::getenv("OREBOOK_FAULT");
  return f != nullptr && name == f;
}

// ---------------------------------------------------------------- reading --

constexpr std::string_view kHeaderColumns =
    "sequence, period, version, site, closed_by, note, closed_at, orebook_version, "
    "previous_hash, hash";

Closing header_from(const Row& r) {
  Closing c;
  c.sequence = as_int(r[0]);
  c.period = as_text(r[1]);
  c.version = as_int(r[2]);
  c.site = as_text(r[3]);
  c.by = as_text(r[4]);
  c.note = as_text(r[5]);
  c.at = as_text(r[6]);
  c.orebook_version = as_text(r[7]);
  c.previous_hash = as_text(r[8]);
  c.hash = as_text(r[9]);
  return c;
}

void load_children(Storage& s, Closing& c, bool rows) {
  const Row key{c.sequence};
  c.files.clear();
  for (const Row& r :
       s.query("SELECT file, sha256 FROM entry_files WHERE sequence = ? ORDER BY position", key)) {
    c.files.push_back({as_text(r[0]), as_text(r[1])});
  }
  c.rows.clear();
  if (rows) {
    const auto found = s.query(
        "SELECT file, line, sha256 FROM entry_rows WHERE sequence = ? ORDER BY position", key);
    c.rows.reserve(found.size());
    for (const Row& r : found) {
      c.rows.push_back({as_text(r[0]), static_cast<std::uint32_t>(as_int(r[1])), as_text(r[2])});
    }
  }
  c.figures.clear();
  for (const Row& r : s.query(
           "SELECT key, value, unit, label FROM entry_figures WHERE sequence = ? ORDER BY position",
           key)) {
    c.figures.push_back({as_text(r[0]), as_number(r[1]), as_text(r[2]), as_text(r[3])});
  }
}

std::string without_password(const std::string& location) {
  // postgresql://user:secret@host/db → postgresql://user:***@host/db
  const auto scheme = location.find("://");
  if (scheme == std::string::npos) return location;
  const auto at = location.find('@', scheme + 3);
  const auto colon = location.find(':', scheme + 3);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return location;
  return location.substr(0, colon + 1) + "***" + location.substr(at);
}

bool is_postgres(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

// Runs `f` in a transaction of `s`; on any exception the transaction is
// rolled back and a store's own exception becomes an Error naming the
// ledger and what was being done.
template <typename F>
auto in_transaction(Storage& s, bool exclusive, const std::string& location, const char* doing,
                    F f) {
  try {
    if (exclusive) {
      s.begin_exclusive();
    } else {
      s.begin_read();
    }
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      s.commit();
    } else {
      auto result = f();
      s.commit();
      return result;
    }
  } catch (const Error&) {
    s.rollback();
    throw;
  } catch (const std::exception& e) {
    s.rollback();
    throw Error("ledger " + location + ": while " + doing + ": " + e.what());
  }
}

int read_schema_version(Storage& s) {
  if (!s.has_table("schema_version")) return -1;
  const auto r = s.query("SELECT MAX(version) FROM schema_version");
  return r.empty() || std::holds_alternative<std::monostate>(r[0][0])
             ? 0
             : static_cast<int>(as_int(r[0][0]));
}

}  // namespace

// ------------------------------------------------------------ migrations --

// Declared in storage.h (for tests): brings the schema of `s` to `target`
// (every migration in between), inside the caller's exclusive transaction.
// A database without a schema_version table is at version 0 and gets it.
int apply_migrations(Storage& s, int target) {
  int current = read_schema_version(s);
  if (current < 0) {
    s.execute_script(std::string(kSchemaVersionTable) + s.append_only_ddl("schema_version"));
    current = 0;
  }
  if (current > latest_schema()) return current;
  for (const Migration& m : migrations()) {
    if (m.version <= current || m.version > target) continue;
    s.execute_script(m.ddl(s));
    s.query("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
            {std::int64_t{m.version}, now_utc()});
    current = m.version;
  }
  return current;
}

// ---------------------------------------------------------- serialisation --

namespace {

void put_text(std::string& out, std::string_view s) {
  out += 's';
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

void put_int(std::string& out, std::int64_t n) {
  out += 'i';
  out += std::to_string(n);
  out += ';';
}

// A double as the 16 hexadecimal digits of its IEEE 754 binary64 bits (big
// end first): exact, one text per value.
void put_double(std::string& out, double d) {
  std::uint64_t bits = 0;
  static_assert(sizeof bits == sizeof d);
  std::memcpy(&bits, &d, sizeof d);
  static constexpr char kHex[] = "0123456789abcdef";
  out += 'd';
  for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(bits >> shift) & 0xF];
  out += ';';
}

void put_count(std::string& out, std::size_t n) {
  out += 'l';
  out += std::to_string(n);
  out += ':';
}

}  // namespace

std::string entry_serialisation(const Closing& c) {
  std::string out;
  out.reserve(256 + c.rows.size() * 100);
  put_text(out, "orebook-ledger-entry-1");
  put_int(out, c.sequence);
  put_int(out, c.version);
  put_text(out, c.period);
  put_text(out, c.site);
  put_text(out, c.by);
  put_text(out, c.note);
  put_text(out, c.at);
  put_text(out, c.orebook_version);
  put_count(out, c.files.size());
  for (const FileHash& f : c.files) {
    put_text(out, f.file);
    put_text(out, f.sha256);
  }
  put_count(out, c.rows.size());
  for (const RowHash& r : c.rows) {
    put_text(out, r.file);
    put_int(out, r.line);
    put_text(out, r.sha256);
  }
  put_count(out, c.figures.size());
  for (const FigureValue& f : c.figures) {
    put_text(out, f.key);
    if (f.value) {
      put_double(out, *f.value);
    } else {
      out += "n;";
    }
    put_text(out, f.unit);
    put_text(out, f.label);
  }
  return out;
}

std::string entry_hash(const Closing& c) {
  return core::sha256_hex(c.previous_hash + entry_serialisation(c));
}

// ---------------------------------------------------------------- Ledger --

Ledger::Ledger(std::unique_ptr<Storage> storage, std::string location)
    : storage_(std::move(storage)), location_(std::move(location)) {}

Ledger::~Ledger() = default;

int Ledger::code_schema_version() { return latest_schema(); }

std::string Ledger::backend() const { return storage_->backend(); }

std::unique_ptr<Ledger> Ledger::open(const std::string& location, bool create) {
  const std::string shown = without_password(location);
  std::unique_ptr<Storage> storage;
  try {
    storage = is_postgres(location) ? open_postgres(location) : open_sqlite(location, create);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error("ledger " + shown + ": cannot open: " + e.what());
  }
  Storage& s = *storage;
  // Most opens find the schema current: a read transaction says so without
  // waiting for a writer. Otherwise the migrations run under the writers'
  // lock, the version read again there.
  const int found = in_transaction(s, false, shown, "reading the schema version",
                                   [&] { return read_schema_version(s); });
  auto check = [&](int version) {
    if (version < 0 && !create) {
      throw Error("ledger " + shown +
                  ": holds no orebook ledger (no schema_version table); a close creates one");
    }
    if (version > latest_schema()) {
      throw Error("ledger " + shown + ": its schema is version " + std::to_string(version) +
                  ", newer than this orebook's (" + std::to_string(latest_schema()) +
                  "): use a newer orebook");
    }
  };
  check(found);
  if (found != latest_schema()) {
    in_transaction(s, true, shown, "migrating the schema", [&] {
      check(read_schema_version(s));
      apply_migrations(s, latest_schema());
    });
  }
  return std::unique_ptr<Ledger>(new Ledger(std::move(storage), shown));
}

int Ledger::schema_version() {
  return in_transaction(*storage_, false, location_, "reading the schema version",
                        [&] { return read_schema_version(*storage_); });
}

Closing Ledger::close(Closing c, bool restate) {
  const std::string what = "closing " + c.period;
  auto refuse = [&](const std::string& why) {
    throw Error("ledger " + location_ + ": cannot close " +
                (c.period.empty() ? std::string("a period") : c.period) + ": " + why);
  };
  if (c.period.empty()) refuse("the period is empty");
  if (c.by.empty()) refuse("who closes it (by) is empty");
  if (restate && c.note.find_first_not_of(" \t\r\n") == std::string::npos) {
    refuse("a restatement needs a note saying why");
  }
  if (c.at.empty()) c.at = now_utc();
  std::vector<const std::string*> texts{&c.period,          &c.site, &c.by, &c.note,
                                        &c.orebook_version, &c.at};
  for (const auto& f : c.files) texts.insert(texts.end(), {&f.file, &f.sha256});
  for (const auto& r : c.rows) texts.insert(texts.end(), {&r.file, &r.sha256});
  for (const auto& f : c.figures) texts.insert(texts.end(), {&f.key, &f.unit, &f.label});
  for (const std::string* t : texts) {
    if (!storable_text(*t)) refuse("a text is not valid UTF-8 or holds a NUL character");
  }
  for (auto& f : c.figures) {
    if (f.value && !std::isfinite(*f.value)) {
      refuse("figure " + f.key + " is not a finite number");
    }
    if (f.value && *f.value == 0.0) f.value = 0.0;  // -0 recorded as 0
  }

  Storage& s = *storage_;
  return in_transaction(s, true, location_, what.c_str(), [&] {
    const auto head = s.query("SELECT sequence, hash FROM entries ORDER BY sequence DESC LIMIT 1");
    const auto last = s.query("SELECT MAX(version) FROM entries WHERE period = ?", {c.period});
    const std::int64_t closed =
        last.empty() || std::holds_alternative<std::monostate>(last[0][0]) ? 0 : as_int(last[0][0]);
    if (fault("ledger-slow-close")) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (closed > 0 && !restate) {
      refuse("it is already closed (version " + std::to_string(closed) +
             "); a restatement needs --restate and a note");
    }
    if (closed == 0 && restate) refuse("it was never closed, so there is nothing to restate");

    c.sequence = head.empty() ? 1 : as_int(head[0][0]) + 1;
    c.previous_hash = head.empty() ? "" : as_text(head[0][1]);
    c.version = closed + 1;
    c.hash = entry_hash(c);

    s.insert("entries",
             {"sequence", "period", "version", "site", "closed_by", "note", "closed_at",
              "orebook_version", "previous_hash", "hash"},
             {{c.sequence, c.period, c.version, c.site, c.by, c.note, c.at, c.orebook_version,
               c.previous_hash, c.hash}});
    std::vector<Row> rows;
    rows.reserve(c.files.size());
    for (std::size_t i = 0; i < c.files.size(); ++i) {
      rows.push_back(
          {c.sequence, static_cast<std::int64_t>(i), c.files[i].file, c.files[i].sha256});
    }
    s.insert("entry_files", {"sequence", "position", "file", "sha256"}, rows);

    const std::vector<std::string> row_columns{"sequence", "position", "file", "line", "sha256"};
    auto row_batch = [&](std::size_t from, std::size_t to) {
      rows.clear();
      rows.reserve(to - from);
      for (std::size_t i = from; i < to; ++i) {
        const RowHash& r = c.rows[i];
        rows.push_back({c.sequence, static_cast<std::int64_t>(i), r.file,
                        static_cast<std::int64_t>(r.line), r.sha256});
      }
      s.insert("entry_rows", row_columns, rows);
    };
    const std::size_t half = c.rows.size() / 2;
    row_batch(0, half);
    if (fault("ledger-mid-close")) std::raise(SIGKILL);
    row_batch(half, c.rows.size());

    rows.clear();
    for (std::size_t i = 0; i < c.figures.size(); ++i) {
      const FigureValue& f = c.figures[i];
      rows.push_back({c.sequence, static_cast<std::int64_t>(i), f.key,
                      f.value ? Value(*f.value) : Value(std::monostate{}), f.unit, f.label});
    }
    s.insert("entry_figures", {"sequence", "position", "key", "value", "unit", "label"}, rows);
    return c;
  });
}

std::optional<Closing> Ledger::latest(const std::string& period) {
  Storage& s = *storage_;
  return in_transaction(s, false, location_, "reading the latest close", [&] {
    std::optional<Closing> c;
    const auto r = s.query("SELECT " + std::string(kHeaderColumns) +
                               " FROM entries WHERE period = ? ORDER BY version DESC LIMIT 1",
                           {period});
    if (!r.empty()) {
      c = header_from(r[0]);
      load_children(s, *c, true);
    }
    return c;
  });
}

std::optional<Closing> Ledger::entry(std::int64_t sequence) {
  Storage& s = *storage_;
  return in_transaction(s, false, location_, "reading an entry", [&] {
    std::optional<Closing> c;
    const auto r = s.query(
        "SELECT " + std::string(kHeaderColumns) + " FROM entries WHERE sequence = ?", {sequence});
    if (!r.empty()) {
      c = header_from(r[0]);
      load_children(s, *c, true);
    }
    return c;
  });
}

std::vector<std::string> Ledger::periods() {
  Storage& s = *storage_;
  return in_transaction(s, false, location_, "reading the periods closed", [&] {
    std::vector<std::string> out;
    for (const Row& r : s.query("SELECT DISTINCT period FROM entries ORDER BY period"))
      out.push_back(std::get<std::string>(r.at(0)));
    return out;
  });
}

std::vector<Closing> Ledger::history(const std::optional<std::string>& period) {
  Storage& s = *storage_;
  return in_transaction(s, false, location_, "reading the history", [&] {
    const std::string select = "SELECT " + std::string(kHeaderColumns) + " FROM entries";
    const auto found = period ? s.query(select + " WHERE period = ? ORDER BY sequence", {*period})
                              : s.query(select + " ORDER BY sequence");
    std::vector<Closing> out;
    out.reserve(found.size());
    for (const Row& r : found) {
      out.push_back(header_from(r));
      load_children(s, out.back(), false);
    }
    return out;
  });
}

std::string Ledger::head_hash() {
  Storage& s = *storage_;
  return in_transaction(s, false, location_, "reading the head", [&] {
    const auto r = s.query("SELECT hash FROM entries ORDER BY sequence DESC LIMIT 1");
    return r.empty() ? std::string() : as_text(r[0][0]);
  });
}

std::vector<Problem> Ledger::verify(const std::optional<std::string>& expected_head) {
  Storage& s = *storage_;
  return in_transaction(s, false, location_, "verifying", [&] {
    std::vector<Problem> problems;
    for (const std::string& table : ledger_tables()) {
      for (std::string& what : s.append_only_missing(table)) problems.push_back({0, what});
    }

    const auto headers =
        s.query("SELECT " + std::string(kHeaderColumns) + " FROM entries ORDER BY sequence");
    std::int64_t expected = 1;
    std::string previous_hash;
    std::map<std::string, std::int64_t> versions;  // period → last version seen
    std::set<std::string> hashes;
    for (const Row& r : headers) {
      Closing c = header_from(r);
      hashes.insert(c.hash);
      if (c.sequence != expected) {
        problems.push_back(
            {c.sequence, c.sequence > expected
                             ? "the sequence jumps from " + std::to_string(expected - 1) + " to " +
                                   std::to_string(c.sequence) + ": entries " +
                                   std::to_string(expected) + " to " +
                                   std::to_string(c.sequence - 1) + " are missing (deleted)"
                             : "sequence out of order"});
      }
      if (c.previous_hash != previous_hash) {
        problems.push_back(
            {c.sequence, "its previous_hash is not the hash of the entry before it (" +
                             (previous_hash.empty() ? std::string("none") : previous_hash) +
                             "): an entry before it was deleted, inserted or moved"});
      }
      load_children(s, c, true);
      if (entry_hash(c) != c.hash) {
        problems.push_back({c.sequence,
                            "its contents do not give its hash: its header, files, rows or "
                            "figures were changed, added or deleted since it was closed"});
      }
      std::int64_t& last = versions[c.period];
      if (c.version != last + 1) {
        problems.push_back({c.sequence, "period " + c.period + " version " +
                                            std::to_string(c.version) + " follows version " +
                                            std::to_string(last)});
      }
      last = c.version;
      if (c.version > 1 && c.note.empty()) {
        problems.push_back({c.sequence, "a restatement without a note"});
      }
      expected = c.sequence + 1;
      previous_hash = c.hash;
    }

    for (const char* table : {"entry_files", "entry_rows", "entry_figures"}) {
      const auto orphans =
          s.query(std::string("SELECT sequence, COUNT(*) FROM ") + table +
                  " WHERE sequence NOT IN (SELECT sequence FROM entries) GROUP BY sequence"
                  " ORDER BY sequence");
      for (const Row& r : orphans) {
        problems.push_back({as_int(r[0]), std::to_string(as_int(r[1])) + " row(s) of " + table +
                                              " belong to no entry (their entry was deleted)"});
      }
    }

    if (expected_head && !expected_head->empty() && !hashes.count(*expected_head)) {
      problems.push_back(
          {0, "the expected head " + *expected_head +
                  " is not in the chain: entries were deleted from its end (or it is the head of "
                  "another ledger)"});
    }
    return problems;
  });
}

}  // namespace orebook::ledger
