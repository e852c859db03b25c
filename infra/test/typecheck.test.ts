import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

// tsx runs the program without type checking; `pulumi up` (ts-node) does check, so a type error must fail here.
test("the program and its tests type-check (tsc --noEmit)", () => {
  const tsc = require.resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "--noEmit", "-p", path.join(__dirname, "..")], {
    encoding: "utf8",
    timeout: 180_000,
  });
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
});
