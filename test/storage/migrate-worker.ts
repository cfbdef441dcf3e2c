// A worker thread that migrates one store when the test releases it, so that several migrations start at the same
// instant (processes started one by one rarely overlap). Each thread has its own event loop, as a process would:
// better-sqlite3's synchronous wait for a lock blocks only its own thread.
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../../src/storage/connect';
import { migrateToLatest } from '../../src/storage/migrate';

const { url, gate } = workerData as { url: string; gate: SharedArrayBuffer; entry: string };
const connection = connect(url);
parentPort?.postMessage('ready');
Atomics.wait(new Int32Array(gate), 0, 0);
const { error, results } = await migrateToLatest(connection);
await connection.close();
parentPort?.postMessage({
  error: error ? String(error) : undefined,
  applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName),
});
