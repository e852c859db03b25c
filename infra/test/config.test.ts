import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PlainStackConfig, validateConfig } from "../src/config";
import { addressesInPrefix, publicIpPrefixLength, subnetPrefixes } from "../src/network";
import { mediaPorts } from "../src/ports";

const valid: PlainStackConfig = {
  location: "westeurope",
  prefix: "sipcube",
  functionPlan: "FlexConsumption",
  functionMaximumInstances: 40,
  systemNodeSize: "Standard_D2s_v5",
  mediaNodeSize: "Standard_F4s_v2",
  mediaNodeCount: 2,
  mediaNodeMaxCount: 4,
  rtpPortMin: 10000,
  rtpPortMax: 20000,
  vnetAddressSpace: "10.60.0.0/16",
  connectyCubeApplicationId: 8123,
  mediaNodeImageTag: "latest",
  drainSeconds: 300,
  activeCallsAlertThreshold: 200,
  sipLatencyAlertMs: 500,
  registrationFailureAlertThreshold: 20,
};

const problemsFor = (patch: Partial<PlainStackConfig>) => validateConfig({ ...valid, ...patch });

test("the default configuration is valid", () => {
  assert.deepEqual(validateConfig(valid), []);
});

test("an RTP range with min above max is rejected", () => {
  const problems = problemsFor({ rtpPortMin: 20000, rtpPortMax: 10000 });
  assert.ok(problems.some((p) => p.includes("greater than rtpPortMax")), problems.join("; "));
});

test("an RTP range overlapping the SIP ports is rejected", () => {
  const problems = problemsFor({ rtpPortMin: 5000, rtpPortMax: 6000 });
  assert.ok(problems.some((p) => p.includes("overlaps the SIP port 5060")), problems.join("; "));
  assert.ok(problems.some((p) => p.includes("overlaps the SIP over TLS port 5061")), problems.join("; "));
});

test("an RTP range overlapping the node's HTTP port is rejected", () => {
  assert.ok(problemsFor({ rtpPortMin: 7000, rtpPortMax: 8000 }).some((p) => p.includes("node HTTP port 7071")));
});

test("an RTP range inside the Linux ephemeral ports is rejected (host networking)", () => {
  assert.ok(problemsFor({ rtpPortMin: 40000, rtpPortMax: 50000 }).some((p) => p.includes("ephemeral")));
});

test("an RTP range overlapping the Kubernetes NodePort range is rejected", () => {
  assert.ok(problemsFor({ rtpPortMin: 20000, rtpPortMax: 30001 }).some((p) => p.includes("NodePort")));
  assert.deepEqual(problemsFor({ rtpPortMin: 20000, rtpPortMax: 29999 }), []);
});

test("privileged and non-integer RTP ports are rejected", () => {
  assert.ok(problemsFor({ rtpPortMin: 500, rtpPortMax: 900 }).some((p) => p.includes("privileged")));
  assert.ok(problemsFor({ rtpPortMin: 10000.5 }).some((p) => p.includes("whole port numbers")));
  assert.ok(problemsFor({ rtpPortMax: 70000 }).some((p) => p.includes("whole port numbers")));
});

test("node counts must fit the public IP prefix and be consistent", () => {
  assert.ok(problemsFor({ mediaNodeCount: 0 }).some((p) => p.includes("mediaNodeCount")));
  assert.ok(problemsFor({ mediaNodeCount: 5, mediaNodeMaxCount: 3 }).some((p) => p.includes("mediaNodeMaxCount 3")));
  assert.ok(problemsFor({ mediaNodeMaxCount: 16 }).some((p) => p.includes("exceeds 15")));
});

test("other fields are validated", () => {
  assert.ok(problemsFor({ prefix: "Sip-Cube" }).some((p) => p.startsWith("prefix")));
  assert.ok(problemsFor({ functionPlan: "Consumption" as never }).some((p) => p.startsWith("functionPlan")));
  assert.ok(problemsFor({ connectyCubeApplicationId: 0 }).some((p) => p.startsWith("connectyCubeApplicationId")));
  assert.ok(problemsFor({ drainSeconds: 5 }).some((p) => p.startsWith("drainSeconds")));
  assert.ok(problemsFor({ vnetAddressSpace: "10.60.0.0/24" }).some((p) => p.startsWith("vnetAddressSpace")));
});

test("media ports are SIP UDP/TCP 5060, TLS 5061 and the RTP range over UDP", () => {
  assert.deepEqual(
    mediaPorts({ rtpPortMin: 12000, rtpPortMax: 12999 }).map((p) => `${p.protocol}:${p.from}-${p.to}`),
    ["Udp:5060-5060", "Tcp:5060-5060", "Tcp:5061-5061", "Udp:12000-12999"],
  );
});

test("public IP prefix is sized for the node maximum plus a surge node", () => {
  assert.equal(publicIpPrefixLength(1), 31);
  assert.equal(publicIpPrefixLength(3), 30);
  assert.equal(publicIpPrefixLength(4), 29);
  assert.equal(publicIpPrefixLength(15), 28);
  assert.deepEqual(addressesInPrefix("203.0.113.8/30"), ["203.0.113.8", "203.0.113.9", "203.0.113.10", "203.0.113.11"]);
  assert.equal(addressesInPrefix("203.0.113.16/28").length, 16);
  assert.throws(() => addressesInPrefix("203.0.0.0/16"));
});

test("subnets are carved from the VNet address space", () => {
  assert.deepEqual(subnetPrefixes("10.61.0.0/16"), { system: "10.61.0.0/22", media: "10.61.4.0/22" });
});

test("the example stack file only uses keys the program reads, and its values validate", () => {
  const file = fs.readFileSync(path.join(__dirname, "..", "Pulumi.example.yaml"), "utf8");
  const entries = new Map<string, string>();
  for (const line of file.split("\n")) {
    const m = /^\s+sipcube-infra:(\w+):\s*(.*?)\s*$/.exec(line);
    if (m) entries.set(m[1], m[2].replace(/^"(.*)"$/, "$1"));
  }
  const known = new Set([...Object.keys(valid), "kubernetesVersion", "alertEmail"]);
  for (const key of entries.keys()) assert.ok(known.has(key), `unknown key ${key} in Pulumi.example.yaml`);
  for (const required of ["location", "connectyCubeApplicationId"]) assert.ok(entries.has(required), required);
  const fromFile: PlainStackConfig = { ...valid };
  for (const [k, v] of entries) {
    (fromFile as unknown as Record<string, unknown>)[k] = typeof (valid as unknown as Record<string, unknown>)[k] === "number" ? Number(v) : v;
  }
  assert.deepEqual(validateConfig(fromFile), []);
  assert.doesNotMatch(file, /connectyCubeAuthKey:\s*[^\s#]/, "secrets must be set with `pulumi config set --secret`");
});

test("Pulumi.yaml names the project the config keys use, and package.json points at the entry point", () => {
  const projectFile = fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8");
  assert.match(projectFile, /^name: sipcube-infra$/m);
  assert.match(projectFile, /^\s+name: nodejs$/m);
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
  assert.ok(fs.existsSync(path.join(__dirname, "..", pkg.main)), pkg.main);
  for (const dep of ["@pulumi/pulumi", "@pulumi/azure-native", "@pulumi/kubernetes", "@pulumi/random"]) {
    assert.match(pkg.dependencies[dep], /^\d+\.\d+\.\d+$/, `${dep} must be pinned`);
  }
});
