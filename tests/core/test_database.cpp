// Tests for kiosk/core/database: statements, bindings, columns, error codes and messages,
// and the Transaction's commit/rollback contract.
#include "kiosk/core/database.hpp"

#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using namespace wk::core;

namespace {

Database memory_db() {
  Database db = Database::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, note TEXT)");
  return db;
}

std::int64_t count_rows(Database& db) {
  Statement st = db.prepare("SELECT count(*) FROM t");
  REQUIRE(st.step());
  return st.column_int64(0);
}

}  // namespace

TEST_CASE("bind, step and read columns of every type", "[database]") {
  Database db = memory_db();
  Statement ins = db.prepare("INSERT INTO t (id, name, score, note) VALUES (?1, ?2, ?3, ?4)");
  ins.bind(1, 7).bind(2, std::string("zhōng 中")).bind(3, 2.5).bind_null(4);
  CHECK_FALSE(ins.step());
  CHECK(db.changes() == 1);
  CHECK(db.last_insert_rowid() == 7);

  ins.reset();
  ins.bind(1, std::int64_t{1} << 40).bind(2, "").bind(3, 0.0).bind(4, "x");
  CHECK_FALSE(ins.step());

  Statement sel = db.prepare("SELECT id, name, score, note FROM t ORDER BY id");
  REQUIRE(sel.step());
  CHECK(sel.column_int64(0) == 7);
  CHECK(sel.column_text(1) == "zhōng 中");
  CHECK(sel.column_double(2) == 2.5);
  CHECK(sel.column_is_null(3));
  CHECK(sel.column_text(3).empty());
  REQUIRE(sel.step());
  CHECK(sel.column_int64(0) == (std::int64_t{1} << 40));
  CHECK_FALSE(sel.column_is_null(1));  // "" binds as empty TEXT, not NULL
  CHECK(sel.column_text(1).empty());
  CHECK_FALSE(sel.step());
}

TEST_CASE("text with an embedded NUL survives a round trip", "[database]") {
  Database db = memory_db();
  const std::string value("a\0b", 3);
  db.prepare("INSERT INTO t (name) VALUES (?1)").bind(1, value).step();
  Statement sel = db.prepare("SELECT name FROM t");
  REQUIRE(sel.step());
  CHECK(sel.column_text(0) == value);
}

TEST_CASE("errors carry the extended code and the SQL, never bound values", "[database]") {
  Database db = memory_db();
  db.prepare("INSERT INTO t (name) VALUES (?1)").bind(1, "secret-value").step();
  Statement dup = db.prepare("INSERT INTO t (name) VALUES (?1)");
  dup.bind(1, "secret-value");
  try {
    dup.step();
    FAIL("expected a constraint error");
  } catch (const SqliteError& e) {
    CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);
    CHECK(e.primary_code() == SQLITE_CONSTRAINT);
    const std::string what = e.what();
    CHECK(what.find("UNIQUE constraint failed") != std::string::npos);
    CHECK(what.find("INSERT INTO t (name)") != std::string::npos);
    CHECK(what.find("secret-value") == std::string::npos);
  }
}

TEST_CASE("error messages quote at most 80 characters of SQL", "[database]") {
  Database db = memory_db();
  const std::string sql = "SELECT * FROM no_such_table WHERE " + std::string(200, 'x') + " = 1";
  try {
    db.prepare(sql);
    FAIL("expected an error");
  } catch (const SqliteError& e) {
    CHECK(e.primary_code() == SQLITE_ERROR);
    const std::string what = e.what();
    CHECK(what.find("no such table") != std::string::npos);
    CHECK(what.find(std::string(80, 'x')) == std::string::npos);
    CHECK(what.find(sql.substr(0, 80)) != std::string::npos);
  }
}

TEST_CASE("prepare takes exactly one statement", "[database]") {
  Database db = memory_db();
  CHECK_NOTHROW(db.prepare("SELECT 1;  \n"));
  try {
    db.prepare("SELECT 1; SELECT 2");
    FAIL("expected an error");
  } catch (const SqliteError& e) {
    CHECK(e.code() == SQLITE_MISUSE);
  }
  CHECK_THROWS_AS(db.prepare(""), SqliteError);
  CHECK_THROWS_AS(db.prepare("-- only a comment"), SqliteError);
}

TEST_CASE("binding a parameter that does not exist is an error", "[database]") {
  Database db = memory_db();
  Statement st = db.prepare("SELECT ?1");
  try {
    st.bind(2, 1);
    FAIL("expected an error");
  } catch (const SqliteError& e) {
    CHECK(e.code() == SQLITE_RANGE);
  }
}

TEST_CASE("exec reports errors with code and SQL", "[database]") {
  Database db = memory_db();
  try {
    db.exec("INSERT INTO t (id) VALUES ('not an integer key')");
    FAIL("expected an error");
  } catch (const SqliteError& e) {
    CHECK(e.code() == SQLITE_MISMATCH);
  }
  CHECK_THROWS_AS(db.exec("this is not sql"), SqliteError);
}

TEST_CASE("open fails cleanly for an impossible path", "[database]") {
  test::TempDir dir;
  try {
    Database::open((dir / "missing-dir" / "x.db").string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    FAIL("expected an error");
  } catch (const SqliteError& e) {
    CHECK(e.primary_code() == SQLITE_CANTOPEN);
  }
}

TEST_CASE("Database and Statement are movable", "[database]") {
  Database a = memory_db();
  Database b = std::move(a);
  Statement st = b.prepare("SELECT 42");
  Statement moved = std::move(st);
  REQUIRE(moved.step());
  CHECK(moved.column_int64(0) == 42);
  Database c = Database::open(":memory:", SQLITE_OPEN_READWRITE);
  c = std::move(b);
  CHECK(count_rows(c) == 0);
}

TEST_CASE("a committed transaction persists", "[database][transaction]") {
  Database db = memory_db();
  {
    Transaction tx(db);
    CHECK(db.in_transaction());
    db.exec("INSERT INTO t (name) VALUES ('a')");
    tx.commit();
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(count_rows(db) == 1);
}

TEST_CASE("a transaction rolls back when an exception leaves its scope", "[database][transaction]") {
  Database db = memory_db();
  CHECK_THROWS_AS(([&] {
                    Transaction tx(db);
                    db.exec("INSERT INTO t (name) VALUES ('a')");
                    throw std::runtime_error("boom");
                  }()),
                  std::runtime_error);
  CHECK_FALSE(db.in_transaction());
  CHECK(count_rows(db) == 0);
}

TEST_CASE("a transaction rolls back when its scope ends without commit", "[database][transaction]") {
  Database db = memory_db();
  {
    Transaction tx(db);
    db.exec("INSERT INTO t (name) VALUES ('a')");
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(count_rows(db) == 0);
}

TEST_CASE("a failing statement inside a transaction rolls back the earlier ones", "[database][transaction]") {
  Database db = memory_db();
  CHECK_THROWS_AS(([&] {
                    Transaction tx(db);
                    db.exec("INSERT INTO t (name) VALUES ('a')");
                    db.exec("INSERT INTO t (name) VALUES ('a')");  // UNIQUE violation
                    tx.commit();
                  }()),
                  SqliteError);
  CHECK(count_rows(db) == 0);
}

TEST_CASE("transactions do not nest", "[database][transaction]") {
  Database db = memory_db();
  Transaction outer(db);
  CHECK_THROWS_AS(Transaction(db), SqliteError);
  CHECK(db.in_transaction());  // the failed inner BEGIN left the outer one alone
}

TEST_CASE("the destructor copes with a transaction SQLite already ended", "[database][transaction]") {
  Database db = memory_db();
  {
    Transaction tx(db);
    db.exec("INSERT INTO t (name) VALUES ('a')");
    db.exec("ROLLBACK");  // someone ended it behind our back
    CHECK_FALSE(db.in_transaction());
  }
  CHECK(count_rows(db) == 0);
  Transaction again(db);  // the connection is usable again
  again.commit();
}
