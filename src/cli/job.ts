import { configFromEnvironment, exitWithProblems } from '../env';
import { runJobCli } from './run-job-cli';

const loaded = configFromEnvironment();
if (!loaded.ok) exitWithProblems(loaded.problems);
process.exitCode = await runJobCli(process.argv.slice(2), { config: loaded.config });
