// Shared launcher for headless Chromium in tests (Debian's /usr/bin/chromium driven by playwright-core).
// Flags per shared/test-peers.md §4: loopback ICE candidates need --allow-loopback-in-peer-connection, and the
// background-networking flags keep Chromium from dialling out of the sandbox. Run inside `unshare -n`.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required',
];

/**
 * Launches a fresh Chromium profile. Options: fakeAudioFile (absolute WAV path for the fake mic), extraArgs.
 * Returns { context, page, newPage(), close() }; close() also removes the profile directory.
 */
export async function launch({ fakeAudioFile, extraArgs = [] } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sipcube-chromium-'));
  const args = [...chromiumArgs, ...extraArgs];
  if (fakeAudioFile) args.push(`--use-file-for-fake-audio-capture=${fakeAudioFile}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.SIPCUBE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args,
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', m => process.stderr.write(`[page:${m.type()}] ${m.text()}\n`));
  page.on('pageerror', e => process.stderr.write(`[page:error] ${e.message}\n`));
  return {
    context,
    page,
    newPage: async () => {
      const p = await context.newPage();
      p.on('console', m => process.stderr.write(`[page2:${m.type()}] ${m.text()}\n`));
      p.on('pageerror', e => process.stderr.write(`[page2:error] ${e.message}\n`));
      return p;
    },
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Prints one result line the C# side (SipCube.Testing.NodePeer) picks up: `RESULT {json}`. */
export function emit(result) {
  process.stdout.write('RESULT ' + JSON.stringify(result) + '\n');
}

/** Runs main(), emits its result, exits 0; on error prints it and exits 1. A hard timeout guards against hangs. */
export function runMain(main, timeoutMs = 55000) {
  const timer = setTimeout(() => { process.stderr.write(`timeout after ${timeoutMs} ms\n`); process.exit(2); }, timeoutMs);
  main().then(r => { emit(r ?? {}); clearTimeout(timer); process.exit(0); },
              e => { process.stderr.write(`error: ${e?.stack ?? e}\n`); clearTimeout(timer); process.exit(1); });
}
