import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../src/clock';
import type { AppApi } from '../../src/features/app/api-types';
import { createAppHttpHandler } from '../../src/features/app/app-http';
import { createLogger, type Logger } from '../../src/logger';
import { TEST_BOT_TOKEN } from '../features/app/sign-init-data';

export interface AppServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

/** A node:http server with the app's handler alone (the bot's server mounts it beside the webhook): 404 elsewhere. */
export async function serveApp(options: {
  api: AppApi;
  staticDir: string;
  clock?: Clock;
  logger?: Logger;
  maxAgeSeconds?: number;
}): Promise<AppServer> {
  const handle = createAppHttpHandler({
    api: options.api,
    botToken: TEST_BOT_TOKEN,
    staticDir: options.staticDir,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? createLogger('silent'),
    maxAgeSeconds: options.maxAgeSeconds,
  });
  const server = createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404, { 'content-length': 0 }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
