#pragma once
// The store under the ledger: a transaction, statements with `?` parameters,
// bulk inserts, and the few things the two SQL dialects do differently (the
// append-only triggers, whether a table exists). Everything the ledger means
// (hashes, chain, versions, checks, migrations) is above, in ledger.cpp.

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace orebook::ledger {

// A value of a column or a parameter: NULL, an integer, a double, a text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Row = std::vector<Value>;

class Storage {
 public:
  virtual ~Storage() = default;

  virtual std::string backend() const = 0;  // "sqlite", "postgresql"

  // A write transaction that no other writer of the same ledger runs beside:
  // it waits (up to a timeout) for the one before it to end. Taken before
  // anything is read, so what the writer reads stays true until it commits.
  virtual void begin_exclusive() = 0;
  // A read transaction: a consistent snapshot for its statements.
  virtual void begin_read() = 0;
  virtual void commit() = 0;
  // Ends the transaction without a trace; never throws.
  virtual void rollback() noexcept = 0;

  // Statements without parameters or results (DDL), `;`-separated.
  virtual void execute_script(const std::string& sql) = 0;
  // One statement with `?` placeholders; the rows it returns, each column as
  // the Value of its type (INTEGER/BIGINT → int64, REAL/DOUBLE PRECISION →
  // double, TEXT → string, NULL → monostate).
  virtual std::vector<Row> query(const std::string& sql, const Row& params = {}) = 0;
  // Inserts `rows` into `table`'s `columns`, quickly (prepared statement,
  // multi-row statements).
  virtual void insert(const std::string& table, const std::vector<std::string>& columns,
                      const std::vector<Row>& rows) = 0;

  virtual bool has_table(const std::string& table) = 0;
  // DDL making `table` append-only: triggers that refuse UPDATE and DELETE
  // (and TRUNCATE where there is one).
  virtual std::string append_only_ddl(const std::string& table) const = 0;
  // What is missing of append_only_ddl(table) in the database (a dropped or
  // disabled trigger), as sentences; empty when it is all there.
  virtual std::vector<std::string> append_only_missing(const std::string& table) = 0;
};

// The two stores. `create`: the SQLite file (and its folder) may be created.
std::unique_ptr<Storage> open_sqlite(const std::string& path, bool create);
std::unique_ptr<Storage> open_postgres(const std::string& uri);

// Brings the schema of `s` to `target` (each migration up to it), inside the
// caller's exclusive transaction; a database without a schema_version table
// is at version 0 and gets one. Returns the version reached. Ledger::open
// calls it with the newest version; tests call it to make an older schema.
int apply_migrations(Storage& s, int target);

}  // namespace orebook::ledger
