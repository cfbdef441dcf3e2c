import { configFromEnvironment, exitWithProblems } from '../env';
import { connect } from '../storage/connect';
import { migrateToLatest } from '../storage/migrate';

const loaded = configFromEnvironment();
if (!loaded.ok) exitWithProblems(loaded.problems);
const connection = connect(loaded.config.databaseUrl, { preparedStatements: loaded.config.preparedStatements });
const { error, results } = await migrateToLatest(connection);
for (const result of results ?? []) console.log(`${result.status.toLowerCase()}: ${result.migrationName}`);
if (results?.length === 0) console.log('already up to date');
await connection.close();
if (error) {
  console.error('migration failed:', error);
  process.exit(1);
}
