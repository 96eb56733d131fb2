// The ledger in an SQLite file, through SQLiteCpp. Writers are serialised by
// BEGIN IMMEDIATE (the file's RESERVED lock, taken before anything is read)
// with a busy timeout; the rollback journal (SQLite's default) undoes a
// transaction whose process died before COMMIT the next time the file is
// opened.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "orebook/ledger/ledger.h"
#include "orebook/ledger/storage.h"

namespace orebook::ledger {
namespace {

// How long a writer waits for another one (a close of tens of thousands of
// rows takes well under a second).
constexpr int kBusyTimeoutMs = 60'000;

class SqliteStorage final : public Storage {
 public:
  SqliteStorage(const std::string& path, int flags) : db_(path, flags, kBusyTimeoutMs) {
    // Foreign keys are not used; the journal stays the default rollback
    // journal so a ledger is one file a user can copy.
    db_.exec("PRAGMA synchronous = FULL");
  }

  std::string backend() const override { return "sqlite"; }

  void begin_exclusive() override { db_.exec("BEGIN IMMEDIATE"); }
  void begin_read() override { db_.exec("BEGIN DEFERRED"); }
  void commit() override { db_.exec("COMMIT"); }
  void rollback() noexcept override {
    // sqlite3_get_autocommit: nonzero when no transaction is open (e.g. one
    // SQLite already rolled back after an error).
    if (sqlite3_get_autocommit(db_.getHandle()) == 0) {
      sqlite3_exec(db_.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }

  void execute_script(const std::string& sql) override { db_.exec(sql); }

  std::vector<Row> query(const std::string& sql, const Row& params) override {
    SQLite::Statement statement(db_, sql);
    bind(statement, params);
    std::vector<Row> rows;
    while (statement.executeStep()) {
      Row row;
      row.reserve(static_cast<std::size_t>(statement.getColumnCount()));
      for (int i = 0; i < statement.getColumnCount(); ++i) {
        SQLite::Column column = statement.getColumn(i);
        switch (column.getType()) {
          case SQLITE_INTEGER:
            row.emplace_back(column.getInt64());
            break;
          case SQLITE_FLOAT:
            row.emplace_back(column.getDouble());
            break;
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          default:
            row.emplace_back(column.getString());
            break;
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void insert(const std::string& table, const std::vector<std::string>& columns,
              const std::vector<Row>& rows) override {
    if (rows.empty()) return;
    std::string sql = "INSERT INTO " + table + " (";
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + columns[i];
      marks += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    SQLite::Statement statement(db_, sql);
    for (const Row& row : rows) {
      bind(statement, row);
      statement.exec();
      statement.reset();
    }
  }

  bool has_table(const std::string& table) override {
    return !query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {table}).empty();
  }

  std::string append_only_ddl(const std::string& table) const override {
    std::string ddl;
    for (const char* what : {"UPDATE", "DELETE"}) ddl += trigger_sql(table, what) + ";\n";
    return ddl;
  }

  // A trigger is there when sqlite_master holds it as it was created (SQLite
  // keeps the statement's text): one of the same name that does nothing is
  // missing too.
  std::vector<std::string> append_only_missing(const std::string& table) override {
    std::vector<std::string> missing;
    for (const char* what : {"UPDATE", "DELETE"}) {
      const std::string name = trigger_name(table, what);
      const auto found = query(
          "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?",
          {name, table});
      if (found.empty()) {
        missing.push_back("table " + table + " has no trigger refusing " + what + " (" + name +
                          " is missing): it is no longer append-only");
      } else if (found[0][0] != Value(trigger_sql(table, what))) {
        missing.push_back("trigger " + name + " of table " + table +
                          " is not the one the ledger created: " + what + " may not be refused");
      }
    }
    return missing;
  }

 private:
  static std::string trigger_name(const std::string& table, const std::string& what) {
    return table + (what == "UPDATE" ? "_no_update" : "_no_delete");
  }

  static std::string trigger_sql(const std::string& table, const std::string& what) {
    return "CREATE TRIGGER " + trigger_name(table, what) + " BEFORE " + what + " ON " + table +
           " BEGIN SELECT RAISE(ABORT, 'orebook ledger: " + table + " is append-only (" + what +
           " refused)'); END";
  }

  static void bind(SQLite::Statement& statement, const Row& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        statement.bind(index);
      } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
        statement.bind(index, static_cast<int64_t>(*n));
      } else if (const auto* d = std::get_if<double>(&v)) {
        statement.bind(index, *d);
      } else {
        statement.bind(index, std::get<std::string>(v));
      }
    }
  }

  SQLite::Database db_;
};

}  // namespace

std::unique_ptr<Storage> open_sqlite(const std::string& path, bool create) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (!create) throw Error("ledger " + path + ": no such file (a ledger is created by a close)");
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) {
      fs::create_directories(parent, ec);
      if (ec)
        throw Error("ledger " + path + ": cannot create " + parent.string() + ": " + ec.message());
    }
  }
  try {
    int flags = SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0);
    return std::make_unique<SqliteStorage>(path, flags);
  } catch (const SQLite::Exception& e) {
    throw Error("ledger " + path + ": cannot open the SQLite file: " + e.what());
  }
}

}  // namespace orebook::ledger
