#pragma once
// The ledger of closed periods (docs/design.md, "The ledger"): what `orebook
// close` records, append-only and hash-chained, so that a period's figures
// once closed can be shown unchanged to an auditor (AMIRA P754: a controlled
// period close; authorised changes, with a trail). A period closed again is a
// restatement: a new version beside the old one, with a note saying why.
//
// One code path for both stores: this file and ledger.cpp do every check,
// hash, sequence and version number; storage.h is the small interface an
// SQLite file (sqlite_storage.cpp) or a PostgreSQL database
// (postgres_storage.cpp) implements.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "orebook/core/error.h"

namespace orebook::ledger {

// Every refusal and every failure of the store (a busy database, a lost
// connection, a schema newer than this orebook) is one of these, its message
// naming the ledger's location and what was refused.
class Error : public core::Error {
 public:
  explicit Error(const std::string& what) : core::Error(what, core::ExitCode::bad_input) {}
};

// A dataset file, its path relative to the dataset folder, and the SHA-256 of
// its bytes (lower-case hex).
struct FileHash {
  std::string file;
  std::string sha256;
  bool operator==(const FileHash&) const = default;
};

// One input row a close used: the line in `file` (for a workbook sheet,
// `file` is "book.xlsx#Sheet" and `line` the sheet's row), and the SHA-256 of
// the row's text.
struct RowHash {
  std::string file;
  std::uint32_t line = 0;
  std::string sha256;
  bool operator==(const RowHash&) const = default;
};

// A figure of the close. nullopt: unknown (not zero). Stored and hashed as the
// exact double (its 64 bits); infinities and NaN are refused, and -0 is
// recorded as 0 (SQLite does not keep the sign of a zero).
struct FigureValue {
  std::string key;
  std::optional<double> value;
  std::string unit;
  std::string label;
  bool operator==(const FigureValue&) const = default;
};

// One entry of the ledger: a period closed, or restated. Text fields must be
// valid UTF-8 without NUL characters (PostgreSQL stores nothing else; the
// SQLite store refuses the same so both hold the same entries). The children
// (files, rows, figures) are kept in the order given, which is part of the
// hash.
struct Closing {
  std::int64_t sequence = 0;  // set by the ledger: 1, 2, ... over the whole ledger
  std::int64_t version = 0;   // set by the ledger: 1 for a period's first close, 2 for its first
                              // restatement ...
  std::string period;         // canonical period text, e.g. "2014Q2" (the caller's canonical form)
  std::string site;           // site name
  std::string by;             // who closed it (required)
  std::string note;           // why; required for a restatement
  std::string at;  // UTC ISO-8601 "2026-12-02T09:41:07Z"; set by the ledger when empty (a caller
                   // sets it only for reproducible tests)
  std::string orebook_version;
  std::vector<FileHash> files;
  std::vector<RowHash> rows;
  std::vector<FigureValue> figures;
  std::string previous_hash;  // set by the ledger: the hash of entry sequence-1 ("" for the first)
  std::string hash;           // set by the ledger: see entry_hash()
  bool operator==(const Closing&) const = default;
};

// A finding of verify(): the entry it concerns (0 when it concerns the
// ledger as a whole, e.g. a missing trigger) and what is wrong.
struct Problem {
  std::int64_t sequence = 0;
  std::string what;
};

class Storage;

class Ledger {
 public:
  using Problem = ledger::Problem;

  // Opens the ledger at `location`: "postgresql://..." or "postgres://..." is
  // a PostgreSQL connection URI (libpq's syntax, e.g.
  // "postgresql://orebook@/ledger?host=/run/postgresql"); anything else is
  // the path of an SQLite file. With `create`, a missing file (and its
  // parent folder) or an empty database gets the schema; without, a missing
  // file or a database without a ledger is an error. A ledger of an older
  // schema is migrated (all missing migrations in one transaction); a schema
  // newer than this orebook is refused.
  static std::unique_ptr<Ledger> open(const std::string& location, bool create);
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Appends a close of c.period and returns it as recorded (sequence,
  // version, at, previous_hash and hash set). In one transaction, taken
  // before anything is read, so closes from several processes are serialised:
  // refuses (Error) a period already closed unless `restate`, a restatement
  // with an empty note, a restatement of a period never closed, an empty
  // period or `by`, a non-finite figure, text that is not UTF-8. Nothing is
  // written when it throws, nor when the process dies before it returns.
  Closing close(Closing c, bool restate);

  // The newest version of `period`, whole (files, rows, figures); nullopt when
  // the period was never closed.
  std::optional<Closing> latest(const std::string& period);
  // One entry, whole; nullopt when there is no such sequence.
  std::optional<Closing> entry(std::int64_t sequence);
  // Every entry (or every version of one period), oldest first, with its
  // files and figures but NOT its rows (tens of thousands per close): entry()
  // or latest() give those.
  std::vector<Closing> history(const std::optional<std::string>& period = std::nullopt);
  // Every period closed, by the name it was closed under, in order of name.
  std::vector<std::string> periods();

  // Recomputes every hash from the stored tables and reports what does not
  // hold (empty: intact): an entry whose header, files, rows or figures were
  // edited, added or deleted; a gap in the sequence or a broken previous_hash
  // link (an entry deleted or entries reordered); version numbers that do not
  // count 1, 2, ... per period; child rows of no entry; a missing or disabled
  // append-only trigger. Deleting the newest entries leaves a shorter chain
  // that is intact: only a head kept outside the database shows it, so with
  // `expected_head` (a head_hash() printed earlier) it also reports when that
  // hash is not in the chain.
  std::vector<Problem> verify(const std::optional<std::string>& expected_head = std::nullopt);

  // The hash of the newest entry ("" when the ledger is empty): what a user
  // keeps outside the database.
  std::string head_hash();

  // The schema version this orebook writes, and the one the ledger has.
  static int code_schema_version();
  int schema_version();

  // "sqlite" or "postgresql".
  std::string backend() const;

 private:
  Ledger(std::unique_ptr<Storage> storage, std::string location);
  std::unique_ptr<Storage> storage_;
  std::string location_;  // for messages (a PostgreSQL URI without its password)
};

// The text an entry's hash is computed over, after the previous hash
// (docs/design.md, "The hash chain"); entry_hash() = SHA-256(previous_hash +
// entry_serialisation(c)), in lower-case hex. Exposed so tests and auditors'
// tools can check it.
std::string entry_serialisation(const Closing& c);
std::string entry_hash(const Closing& c);

}  // namespace orebook::ledger
