-- The DuckDB side of bench/compare.sh's "paper metrics against DuckDB"
-- row: the case log's counts by financial year (April to March), stage
-- and service, as a council analyst would write them, with the responded,
-- upheld and mean-days figures beside the counts. bench/duckdb.js
-- replaces CASELOG with the CSV file's path.
SELECT
  CASE WHEN month(Received) >= 4 THEN year(Received) ELSE year(Received) - 1 END AS year,
  Stage,
  Service,
  count(*) AS received,
  count(Responded) AS responded,
  count(*) FILTER (WHERE Outcome = 'Upheld') AS upheld,
  avg(Responded - Received) AS mean_days
FROM read_csv('CASELOG')
GROUP BY ALL
ORDER BY ALL;
