// Starts a real Tend server for one test file: `tend serve` on a free port with a fresh data
// directory, waits for "Tend is ready at http://HOST:PORT", and stops it afterwards.
//
//   const server = await startServer();
//   server.url          // "http://127.0.0.1:41234"
//   await server.stop();
//
// TEND_BIN picks the binary (default target/debug/tend, relative to the repository root).
// The server's output goes to e2e/test-results/server-*.log and is printed if it dies early.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(repoRoot, 'e2e', 'test-results');

const READY = /Tend is ready at (https?:\/\/[^\s]+)/;
const START_TIMEOUT_MS = Number(process.env.TEND_START_TIMEOUT_MS ?? 30_000);

export function tendBinary() {
  const bin = process.env.TEND_BIN || 'target/debug/tend';
  return path.isAbsolute(bin) ? bin : path.resolve(repoRoot, bin);
}

/**
 * @param {{ env?: Record<string,string>, label?: string }} [options]
 * @returns {Promise<{ url: string, dataDir: string, logFile: string, output: () => string, stop: () => Promise<void> }>}
 */
export async function startServer(options = {}) {
  const bin = tendBinary();
  if (!existsSync(bin)) {
    throw new Error(`Tend binary not found at ${bin}: run \`cargo build --workspace --tests --bins\` or set TEND_BIN`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tend-e2e-'));
  mkdirSync(resultsDir, { recursive: true });
  const label = (options.label ?? 'server').replace(/[^a-z0-9_-]+/gi, '-');
  const logFile = path.join(resultsDir, `${label}-${process.pid}.log`);
  const log = createWriteStream(logFile);
  let captured = '';
  const remember = (line) => {
    captured += line + '\n';
    if (captured.length > 200_000) captured = captured.slice(-100_000);
    log.write(line + '\n');
  };

  const child = spawn(bin, ['serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      RUST_BACKTRACE: process.env.RUST_BACKTRACE ?? '1',
      TEND_LISTEN: '127.0.0.1:0',
      TEND_DATA_DIR: dataDir,
      TEND_COOKIE_SECURE: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  createInterface({ input: child.stderr }).on('line', (line) => remember(`[stderr] ${line}`));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Tend did not print "Tend is ready at ..." within ${START_TIMEOUT_MS} ms.\n${captured}`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      const match = READY.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/+$/, ''));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Tend exited (code ${code}, signal ${signal}) before it was ready.\n${captured}`));
    });
  }).catch(async (error) => {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });

  let stopped = false;
  return {
    url,
    dataDir,
    logFile,
    output: () => captured,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
