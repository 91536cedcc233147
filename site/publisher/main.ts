/**
 * `npm run publisher -w site` — starts the publisher with the configuration from the
 * environment (config.ts, `configFromEnv`). SIGINT/SIGTERM stop it cleanly (a running build is
 * stopped; the next start reconciles with the CMS).
 * Exit codes: 0 after a signal, 1 when it cannot start (bad config, port taken, folder in use).
 */
import { configFromEnv } from './config.js';
import { Publisher } from './publisher.js';

async function main(): Promise<void> {
  const publisher = new Publisher(configFromEnv());
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    publisher.config.log(`${signal}: stopping`);
    publisher.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await publisher.start();
}

main().catch((err) => {
  console.error(`[publisher] cannot start: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
