// A long-running ConnectyCube app user: headless Chromium on the node's /demo page (the real SDK), driven by JSON
// commands on stdin. Every output line the C# side (SipCube.Testing.Browser.AppUserBrowser) reads starts with
// "APPUSER " and carries one JSON object: {"event":...} for things that happened, {"reply":...,"id":...} for answers.
// Usage: node browser/app-user.mjs <nodeUrl> <login> <password> [toneHz] [--login-only]
// Commands: {"id":1,"cmd":"call","userId":42} | {"cmd":"call","target":"sip:a@x"} | answer | reject | hangup |
//           {"cmd":"tone","ms":1500} | {"cmd":"dtmf","tones":"123#","durationMs":120} | stats | events | quit.  Run inside `unshare -n` (chromium.mjs).
import readline from 'node:readline';
import { launch } from './chromium.mjs';

const [nodeUrl, login, password, toneArg = '0', ...flags] = process.argv.slice(2);
const toneHz = Number(toneArg) || 0;
// A driver whose parent died must not leave Chromium behind: stdin closing or this bound ends it.
const maxLifeMs = Number(process.env.SIPCUBE_APPUSER_MAX_MS ?? 600000);

const out = (obj) => process.stdout.write('APPUSER ' + JSON.stringify(obj) + '\n');

let browser = null;
let closing = false;

async function shutdown(code) {
  if (closing) return;
  closing = true;
  await browser?.close().catch(() => {});
  process.exit(code);
}

const commands = {
  call: (page, c) => page.evaluate((t) => window.sipcubeDemo.call(t), c.target ?? c.userId),
  answer: (page) => page.evaluate(() => window.sipcubeDemo.answer()),
  reject: (page, c) => page.evaluate((r) => window.sipcubeDemo.reject(r), c.reason ?? 'busy'),
  hangup: (page) => page.evaluate(() => window.sipcubeDemo.hangUp()),
  tone: (page, c) => page.evaluate((ms) => window.sipcubeDemo.measureTone(ms), c.ms ?? 1000),
  stats: (page) => page.evaluate(() => window.sipcubeDemo.stats()),
  dtmf: (page, c) => page.evaluate(([t, d]) => window.sipcubeDemo.sendDtmf(t, d), [c.tones ?? '1', c.durationMs ?? 120]),
  events: (page) => page.evaluate(() => ({ events: window.sipcubeDemo.events })),
  state: (page) => page.evaluate(() => ({ state: window.sipcubeDemo.state, userId: window.sipcubeDemo.userId })),
};

async function main() {
  if (!nodeUrl || !login || !password) throw new Error('usage: app-user.mjs <nodeUrl> <login> <password> [toneHz]');
  setTimeout(() => { process.stderr.write(`app-user: max life ${maxLifeMs} ms reached\n`); shutdown(3); }, maxLifeMs).unref();
  browser = await launch();
  const page = browser.page;
  // Events are pushed from the page as they happen (no polling); state and log lines stay in the page.
  await page.exposeFunction('sipcubeDriverEvent', (ev) => {
    if (ev.e !== 'state' && ev.e !== 'connection') out({ event: ev.e, ...ev });
  });
  const base = nodeUrl.replace(/\/+$/, '');
  await page.goto(`${base}/demo/?tone=${toneHz}`, { timeout: 20000 });
  await page.waitForFunction(() => window.sipcubeDemo !== undefined, null, { timeout: 20000 });
  await page.evaluate(() => window.sipcubeDemo.ready);
  const signUp = !flags.includes('--login-only');
  await page.evaluate(([l, p, s]) => window.sipcubeDemo.login(l, p, { signUp: s }), [login, password, signUp]);

  const rl = readline.createInterface({ input: process.stdin });
  rl.on('close', () => shutdown(0));
  for await (const line of rl) {
    if (!line.trim()) continue;
    let command;
    try {
      command = JSON.parse(line);
    } catch {
      out({ reply: 'invalid', ok: false, error: `not JSON: ${line.slice(0, 200)}` });
      continue;
    }
    if (command.cmd === 'quit') {
      out({ reply: 'quit', id: command.id ?? null, ok: true });
      await shutdown(0);
      return;
    }
    const run = commands[command.cmd];
    if (!run) {
      out({ reply: command.cmd ?? null, id: command.id ?? null, ok: false, error: 'unknown command' });
      continue;
    }
    // Commands run one after another, as a person clicks; a failing one answers ok:false and the driver goes on.
    try {
      const result = await run(page, command);
      out({ reply: command.cmd, id: command.id ?? null, ok: true, ...(result ?? {}) });
    } catch (error) {
      out({ reply: command.cmd, id: command.id ?? null, ok: false, error: String(error?.message ?? error) });
    }
  }
}

main().catch(async (error) => {
  process.stderr.write(`app-user error: ${error?.stack ?? error}\n`);
  out({ event: 'failed', error: String(error?.message ?? error) });
  await shutdown(1);
});
