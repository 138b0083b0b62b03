/**
 * `npm run replica [-- --port N]`: runs the Zendesk replica until Ctrl-C.
 */
import { startReplica } from './server.js';

function portArg(argv: readonly string[]): number | undefined {
  const i = argv.indexOf('--port');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${value}`);
  return port;
}

const replica = await startReplica({ port: portArg(process.argv.slice(2)) ?? 0 });
console.log(`Zendesk replica listening on ${replica.url}`);
console.log(`Sign in: ${replica.url}/access/login?return_to=${encodeURIComponent('/agent/filters/360001')}`);
console.log(`Control: POST ${replica.url}/__replica/{clock,faults,reset}, GET ${replica.url}/__replica/requests`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  replica.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
