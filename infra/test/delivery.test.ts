import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

// Static checks of what cannot run here: the GitHub workflows and the media node image definition.
const yaml = require("js-yaml") as { load(text: string): any };
const root = path.join(__dirname, "..", "..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");
const workflow = (name: string) => yaml.load(read(`.github/workflows/${name}`));
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; name?: string };
const steps = (job: { steps: Step[] }) => job.steps;
const runs = (job: { steps: Step[] }) => steps(job).map((s) => s.run ?? "").join("\n");

test("ci.yml runs .ci/run after checkout and setup-dotnet (global.json), on Ubuntu and Debian", () => {
  const ci = workflow("ci.yml");
  assert.deepEqual(Object.keys(ci.jobs).sort(), ["debian", "ubuntu"]);
  assert.equal(ci.jobs.debian.container.image, "debian:12");
  for (const job of Object.values(ci.jobs) as { steps: Step[]; "timeout-minutes": number }[]) {
    const uses = steps(job).map((s) => s.uses ?? "");
    const checkout = uses.findIndex((u) => u.startsWith("actions/checkout@"));
    const dotnet = uses.findIndex((u) => u.startsWith("actions/setup-dotnet@"));
    const ciRun = steps(job).findIndex((s) => /bash \.ci\/run$/.test(s.run ?? ""));
    assert.ok(checkout >= 0 && checkout < dotnet && dotnet < ciRun, "checkout, setup-dotnet, then .ci/run");
    assert.equal(steps(job)[dotnet].with?.["global-json-file"], "global.json");
    assert.ok(job["timeout-minutes"] <= 90);
  }
});

test("deploy.yml logs in to Azure with OIDC only and previews pull requests", () => {
  const deploy = workflow("deploy.yml");
  assert.equal(deploy.permissions["id-token"], "write");
  assert.equal(deploy.env.ARM_USE_OIDC, "true");
  const text = read(".github/workflows/deploy.yml");
  assert.doesNotMatch(text, /client-secret|AZURE_CREDENTIALS|creds:/, "no long-lived Azure secret");
  for (const job of Object.values(deploy.jobs) as { steps: Step[] }[]) {
    const login = steps(job).find((s) => s.uses?.startsWith("azure/login@"));
    assert.deepEqual(Object.keys(login?.with ?? {}).sort(), ["client-id", "subscription-id", "tenant-id"]);
  }
  assert.equal(deploy.jobs.preview.if, "github.event_name == 'pull_request'");
  const preview = steps(deploy.jobs.preview).find((s) => s.uses?.startsWith("pulumi/actions@"));
  assert.equal(preview?.with?.command, "preview");
  assert.equal(preview?.with?.["work-dir"], "infra");
});

test("deploy.yml runs pulumi up on main, builds the image from mediaplane/Dockerfile and deploys the Functions package", () => {
  const deploy = workflow("deploy.yml");
  assert.equal(deploy.jobs.deploy.if, "github.event_name != 'pull_request'");
  assert.deepEqual(deploy.on.push.branches, ["main"]);
  const script = runs(deploy.jobs.deploy);
  assert.match(script, /pulumi up --yes/);
  assert.match(script, /dotnet publish functions\/SipCube\.ControlPlane\.Functions/);
  assert.match(script, /config-zip/);
  const build = steps(deploy.jobs.deploy).find((s) => s.uses?.startsWith("docker/build-push-action@"));
  assert.equal(build?.with?.file, "mediaplane/Dockerfile");
  assert.equal(build?.with?.push, true);
  // Every stack output the workflow reads must exist in the program's entry point.
  const exported = new Set([...read("infra/src/index.ts").matchAll(/export const (\w+)/g)].map((m) => m[1]));
  const read_ = [...script.matchAll(/jq -r \.(\w+)/g), ...script.matchAll(/stack output (\w+)/g)].map((m) => m[1]);
  assert.ok(read_.length >= 8);
  for (const name of read_) assert.ok(exported.has(name), `deploy.yml reads missing output ${name}`);
});

test("the media node image runs as non-root with the native codecs, a health check and an exec entrypoint", () => {
  const dockerfile = read("mediaplane/Dockerfile");
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
  assert.match(runtime, /^FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0/m);
  assert.match(runtime, /libopus0/);
  assert.match(runtime, /libbcg729-0/);
  assert.match(runtime, /^USER \$APP_UID$/m);
  assert.match(runtime, /^HEALTHCHECK .*\n?.*http:\/\/127\.0\.0\.1:7071\/health\/live/m);
  assert.match(runtime, /^STOPSIGNAL SIGTERM$/m);
  assert.match(runtime, /^ENTRYPOINT \["\/usr\/local\/bin\/docker-entrypoint\.sh"\]$/m);
  assert.match(read("mediaplane/docker-entrypoint.sh"), /^exec "\$\{SIPCUBE_DOTNET:-dotnet\}" \/app\/SipCube\.MediaNode\.dll "\$@"$/m);
  assert.match(dockerfile, /dotnet publish mediaplane\/src\/SipCube\.MediaNode\/SipCube\.MediaNode\.csproj/);
});

test("every file the image build copies exists and is let through by the build's .dockerignore", () => {
  const dockerfile = read("mediaplane/Dockerfile");
  const ignore = read("mediaplane/Dockerfile.dockerignore")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  assert.equal(ignore[0], "*", "allow-list: everything else stays out of the context");
  const allowed = ignore.filter((l) => l.startsWith("!")).map((l) => l.slice(1));
  const sources = [...dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
  assert.ok(sources.length >= 5);
  for (const src of sources) {
    assert.ok(fs.existsSync(path.join(root, src)), `${src} does not exist`);
    assert.ok(allowed.some((a) => src === a || src.startsWith(a)), `${src} is excluded by Dockerfile.dockerignore`);
  }
  // The node's project references, followed transitively, must all be inside the build context.
  const seen = new Set<string>();
  const walk = (project: string) => {
    if (seen.has(project)) return;
    seen.add(project);
    const text = read(project);
    for (const m of text.matchAll(/ProjectReference Include="([^"]+)"/g)) {
      walk(path.posix.normalize(path.posix.join(path.posix.dirname(project), m[1].replace(/\\/g, "/"))));
    }
  };
  walk("mediaplane/src/SipCube.MediaNode/SipCube.MediaNode.csproj");
  assert.ok(seen.size >= 2);
  for (const project of seen) {
    assert.ok(sources.some((src) => project.startsWith(src)), `${project} is referenced by the media node but not copied into the image build`);
  }
});
