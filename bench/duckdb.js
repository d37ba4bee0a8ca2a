// Runs bench/metrics.sql on a case log CSV with DuckDB's Node API
// (@duckdb/node-api) and prints the rows as JSON, as a user scripting it
// runs it: a fresh process that opens an in-memory database, queries the
// file and prints.
//
//	node bench/duckdb.js complaints.csv
//
// The package is looked up in bench/node (bench/compare.sh installs it
// there).
const path = require('path');
const fs = require('fs');
const { DuckDBInstance } = require(path.join(__dirname, 'node', 'node_modules', '@duckdb', 'node-api'));

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/duckdb.js CASELOG.csv');
    process.exit(2);
  }
  const sql = fs.readFileSync(path.join(__dirname, 'metrics.sql'), 'utf8')
    .replace("'CASELOG'", "'" + path.resolve(file).replace(/'/g, "''") + "'");
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const reader = await conn.runAndReadAll(sql);
  process.stdout.write(JSON.stringify(reader.getRowObjectsJson()) + '\n');
}
main().catch((err) => { console.error(err.message); process.exit(1); });
