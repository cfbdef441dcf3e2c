// The entry point: checks the Node version first, before anything that needs a newer Node is even linked (the
// bundle splits the bot into a chunk of its own, loaded only after this check).
import { unsupportedNodeMessage } from './node-version';
import { mapStackTracesOnDemand } from './stack-traces';

const unsupported = unsupportedNodeMessage();
if (unsupported) {
  console.error(unsupported);
  process.exit(1);
}
mapStackTracesOnDemand();
await import('./run-bot');
