// The ledger in a PostgreSQL database, through libpqxx 6.4. Writers are
// serialised by a transaction-level advisory lock (pg_advisory_xact_lock),
// taken first in a READ COMMITTED transaction, so every statement after it
// sees what the writer before committed; a lost connection or a killed
// client leaves an uncommitted transaction, which the server rolls back.

#include <pqxx/pqxx>

#include <charconv>
#include <string>
#include <system_error>

#include "orebook/ledger/ledger.h"
#include "orebook/ledger/storage.h"

namespace orebook::ledger {
namespace {

// The advisory lock key of the ledger's writers: "orebook" in ASCII.
constexpr std::int64_t kLockKey = 0x6f7265626f6f6b;
// Rows per multi-row INSERT (5 parameters a row, under PostgreSQL's 65535).
constexpr std::size_t kRowsPerInsert = 2000;

// PostgreSQL type OIDs (pg_type.h) of the columns the ledger reads.
constexpr pqxx::oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kFloat4 = 700, kFloat8 = 701;

// `?` placeholders as PostgreSQL's $1, $2, ... (the ledger's statements have
// no `?` inside literals).
std::string numbered(const std::string& sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

// A double as the shortest text that reads back as the same double
// (float8in reads it exactly).
std::string double_text(double d) {
  char text[64];
  const auto r = std::to_chars(text, text + sizeof text, d);
  return std::string(text, r.ptr);
}

// Parameters as texts; nullopt stands for NULL.
struct Params {
  std::vector<std::string> texts;
  std::vector<bool> null;
  void add(const Value& v) {
    null.push_back(std::holds_alternative<std::monostate>(v));
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      texts.push_back(std::to_string(*n));
    } else if (const auto* d = std::get_if<double>(&v)) {
      texts.push_back(double_text(*d));
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      texts.push_back(*s);
    } else {
      texts.emplace_back();
    }
  }
  std::vector<const char*> pointers() const {
    std::vector<const char*> p;
    p.reserve(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i)
      p.push_back(null[i] ? nullptr : texts[i].c_str());
    return p;
  }
};

class PostgresStorage final : public Storage {
 public:
  explicit PostgresStorage(const std::string& uri) : connection_(uri) {}

  std::string backend() const override { return "postgresql"; }

  void begin_exclusive() override {
    tx_ = std::make_unique<pqxx::work>(connection_);
    tx_->exec("SET LOCAL lock_timeout = '60s'");
    tx_->exec("SELECT pg_advisory_xact_lock(" + std::to_string(kLockKey) + ")");
  }
  void begin_read() override {
    tx_ = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(connection_);
  }
  void commit() override {
    tx_->commit();
    tx_.reset();
  }
  void rollback() noexcept override {
    if (!tx_) return;
    try {
      tx_->abort();
    } catch (...) {
    }
    tx_.reset();
  }

  void execute_script(const std::string& sql) override { tx().exec(sql); }

  std::vector<Row> query(const std::string& sql, const Row& params) override {
    Params p;
    for (const Value& v : params) p.add(v);
    const auto pointers = p.pointers();
    const pqxx::result result =
        tx().exec_params(numbered(sql), pqxx::prepare::make_dynamic_params(pointers));
    std::vector<Row> rows;
    rows.reserve(result.size());
    for (const auto& r : result) {
      Row row;
      row.reserve(r.size());
      for (const auto& field : r) row.push_back(value_of(field));
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void insert(const std::string& table, const std::vector<std::string>& columns,
              const std::vector<Row>& rows) override {
    std::string head = "INSERT INTO " + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) head += (i ? ", " : "") + columns[i];
    head += ") VALUES ";
    for (std::size_t from = 0; from < rows.size(); from += kRowsPerInsert) {
      const std::size_t to = std::min(rows.size(), from + kRowsPerInsert);
      std::string sql = head;
      Params p;
      int n = 0;
      for (std::size_t i = from; i < to; ++i) {
        sql += i > from ? ",(" : "(";
        for (std::size_t k = 0; k < rows[i].size(); ++k) {
          sql += (k ? ",$" : "$") + std::to_string(++n);
          p.add(rows[i][k]);
        }
        sql += ')';
      }
      const auto pointers = p.pointers();
      tx().exec_params(sql, pqxx::prepare::make_dynamic_params(pointers));
    }
  }

  bool has_table(const std::string& table) override {
    return !query(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_name = ?",
                {table})
                .empty();
  }

  std::string append_only_ddl(const std::string& table) const override {
    return std::string(kFunction) + ";\n" + "CREATE TRIGGER " + table +
           "_append_only BEFORE UPDATE OR DELETE ON " + table +
           " FOR EACH ROW EXECUTE FUNCTION orebook_append_only();\n" + "CREATE TRIGGER " + table +
           "_no_truncate BEFORE TRUNCATE ON " + table +
           " FOR EACH STATEMENT EXECUTE FUNCTION orebook_append_only();\n";
  }

  // Both triggers there and enabled, and the function they call still the
  // one that refuses.
  std::vector<std::string> append_only_missing(const std::string& table) override {
    std::vector<std::string> missing;
    for (const std::string what : {"append_only", "no_truncate"}) {
      const std::string name = table + "_" + what;
      const auto found = query(
          "SELECT t.tgenabled, p.proname, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = "
          "t.tgfoid WHERE t.tgrelid = to_regclass(?) AND t.tgname = ? AND NOT t.tgisinternal",
          {table, name});
      const std::string refuses = what == "append_only" ? "UPDATE and DELETE" : "TRUNCATE";
      if (found.empty()) {
        missing.push_back("table " + table + " has no trigger refusing " + refuses + " (" + name +
                          " is missing): it is no longer append-only");
      } else if (found[0][0] == Value(std::string("D"))) {
        missing.push_back("trigger " + name + " of table " + table + " is disabled: " + refuses +
                          " are no longer refused");
      } else if (found[0][1] != Value(std::string("orebook_append_only")) ||
                 std::get<std::string>(found[0][2]).find("RAISE EXCEPTION") == std::string::npos) {
        missing.push_back("trigger " + name + " of table " + table +
                          " no longer calls a function that refuses " + refuses);
      }
    }
    return missing;
  }

 private:
  static constexpr std::string_view kFunction =
      "CREATE OR REPLACE FUNCTION orebook_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
      "BEGIN RAISE EXCEPTION 'orebook ledger: % is append-only (% refused)', TG_TABLE_NAME, "
      "TG_OP; END $$";

  pqxx::transaction_base& tx() {
    if (!tx_) throw std::logic_error("ledger: a PostgreSQL statement outside a transaction");
    return *tx_;
  }

  static Value value_of(const pqxx::field& f) {
    if (f.is_null()) return std::monostate{};
    const char* text = f.c_str();
    const std::size_t size = f.size();
    switch (f.type()) {
      case kInt2:
      case kInt4:
      case kInt8: {
        std::int64_t n = 0;
        std::from_chars(text, text + size, n);
        return n;
      }
      case kFloat4:
      case kFloat8: {
        double d = 0;
        std::from_chars(text, text + size, d);
        return d;
      }
      default:
        return std::string(text, size);
    }
  }

  pqxx::connection connection_;
  std::unique_ptr<pqxx::transaction_base> tx_;
};

}  // namespace

std::unique_ptr<Storage> open_postgres(const std::string& uri) {
  return std::make_unique<PostgresStorage>(uri);
}

}  // namespace orebook::ledger
