import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";

// The media node image's entrypoint (mediaplane/docker-entrypoint.sh) against a fake Azure Instance Metadata
// Service on loopback, with a fake `dotnet` that reports what it was started with.
const entrypoint = path.join(__dirname, "..", "..", "mediaplane", "docker-entrypoint.sh");
let server: http.Server;
let imdsUrl: string;
let fakeDotnet: string;
let instanceIp = "";
let loadBalancer: unknown = { loadbalancer: { publicIpAddresses: [] } };
let requests: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    // Like the real service: requests without the Metadata header are refused.
    if (req.headers["metadata"] !== "true") return void res.writeHead(400).end();
    if (req.url?.startsWith("/metadata/instance/network/interface/0/ipv4/ipAddress/0/publicIpAddress")) {
      return void res.writeHead(200, { "content-type": "text/plain" }).end(instanceIp);
    }
    if (req.url?.startsWith("/metadata/loadbalancer")) {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(loadBalancer));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  imdsUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/metadata`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipcube-entrypoint-"));
  fakeDotnet = path.join(dir, "dotnet");
  fs.writeFileSync(fakeDotnet, '#!/bin/sh\necho "pid=$$ address=${SipCube__Sip__PublicAddress:-} node=${SipCube__Bus__ServiceBus__NodeId:-} args=$*"\n', { mode: 0o755 });
});

after(() => server.close());

function run(env: Record<string, string>, args: string[] = []): Promise<{ code: number; pid: number; out: string; err: string }> {
  requests = [];
  return new Promise((resolve, reject) => {
    const child = spawn("sh", [entrypoint, ...args], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", SIPCUBE_IMDS_URL: imdsUrl, SIPCUBE_DOTNET: fakeDotnet, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, pid: child.pid ?? -1, out, err });
    });
  });
}

test("without IMDS discovery the node starts as configured and the metadata service is not asked", async () => {
  const r = await run({ SipCube__Sip__PublicAddress: "198.51.100.7" }, ["--urls", "x"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /address=198\.51\.100\.7 node= args=\/app\/SipCube\.MediaNode\.dll --urls x/);
  assert.deepEqual(requests, []);
});

test("the entrypoint execs dotnet, so SIGTERM reaches the node process itself", async () => {
  const r = await run({});
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`pid=${r.pid} `));
});

test("an instance-level public IP from the metadata service is advertised", async () => {
  instanceIp = "203.0.113.20";
  const r = await run({ SIPCUBE_PUBLIC_IP_SOURCE: "azure-imds", SIPCUBE_PUBLIC_IP_PREFIX: "203.0.113.16/28" });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /address=203\.0\.113\.20 node=node-4 /);
});

test("with a Standard SKU node IP the load balancer view is used and the address inside the prefix wins", async () => {
  instanceIp = "";
  loadBalancer = {
    loadbalancer: {
      publicIpAddresses: [
        { frontendIpAddress: "20.50.60.70", privateIpAddress: "10.60.4.4" },
        { frontendIpAddress: "203.0.113.21", privateIpAddress: "10.60.4.4" },
      ],
    },
  };
  const r = await run({ SIPCUBE_PUBLIC_IP_SOURCE: "azure-imds", SIPCUBE_PUBLIC_IP_PREFIX: "203.0.113.16/28" });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /address=203\.0\.113\.21 node=node-5 /);
  assert.equal(requests.length, 2);
});

test("no public IP to advertise is a startup failure with a clear message", async () => {
  instanceIp = "";
  loadBalancer = { loadbalancer: { publicIpAddresses: [{ frontendIpAddress: "20.50.60.70" }] } };
  const r = await run({ SIPCUBE_PUBLIC_IP_SOURCE: "azure-imds", SIPCUBE_PUBLIC_IP_PREFIX: "203.0.113.16/28" });
  assert.equal(r.code, 1);
  assert.match(r.err, /no public IP from the instance metadata service/);
  assert.doesNotMatch(r.out, /pid=/);
});

test("the node id is the address's index in the prefix, unless one is configured", async () => {
  const derived = await run({ SipCube__Sip__PublicAddress: "203.0.113.31", SIPCUBE_PUBLIC_IP_PREFIX: "203.0.113.16/28" });
  assert.match(derived.out, /node=node-15 /);
  const configured = await run({
    SipCube__Sip__PublicAddress: "203.0.113.31",
    SIPCUBE_PUBLIC_IP_PREFIX: "203.0.113.16/28",
    SipCube__Bus__ServiceBus__NodeId: "edge-a",
  });
  assert.match(configured.out, /node=edge-a /);
});

test("an address outside the prefix cannot pick a subscription and stops the start", async () => {
  const r = await run({ SipCube__Sip__PublicAddress: "203.0.113.32", SIPCUBE_PUBLIC_IP_PREFIX: "203.0.113.16/28" });
  assert.equal(r.code, 1);
  assert.match(r.err, /203\.0\.113\.32 is outside 203\.0\.113\.16\/28/);
});
