import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { Recorded, baseConfig, named, ofType, out, settle, testAuthSecret, testPfx, unwrapSecret, useMocks } from "./harness";

// Runs the real entry point (src/index.ts) with the Elastic Premium plan and every optional secret set.
let recorded: Recorded[];
let stack: typeof import("../src/index");

before(async () => {
  const config = {
    ...baseConfig,
    functionPlan: "ElasticPremium",
    connectyCubeAuthSecret: testAuthSecret,
    nodeTlsCertificatePfx: testPfx,
    mediaNodeCount: "3",
    mediaNodeMaxCount: "3",
    mediaNodeImageTag: "0123abc",
    drainSeconds: "600",
  };
  delete (config as Record<string, string>).alertEmail;
  recorded = await useMocks(config, ["connectyCubeAuthKey", "connectyCubeAuthSecret", "nodeTlsCertificatePfx"]);
  stack = await import("../src/index");
  await out(stack.apiBaseUrl);
  await settle(recorded);
});

const settings = () => ofType(recorded, "azure-native:web:WebApp")[0].inputs.siteConfig.appSettings as { name: string; value: string }[];
const setting = (name: string) => settings().find((s) => s.name === name)?.value;

test("Elastic Premium runs dotnet-isolated 10.0 on Linux from a package blob read with the app's identity", () => {
  const [plan] = ofType(recorded, "azure-native:web:AppServicePlan");
  assert.deepEqual(plan.inputs.sku, { name: "EP1", tier: "ElasticPremium" });
  assert.equal(plan.inputs.reserved, true);
  const app = ofType(recorded, "azure-native:web:WebApp")[0].inputs;
  assert.equal(app.siteConfig.linuxFxVersion, "DOTNET-ISOLATED|10.0");
  assert.equal(app.functionAppConfig, undefined);
  assert.equal(setting("FUNCTIONS_WORKER_RUNTIME"), "dotnet-isolated");
  assert.equal(setting("FUNCTIONS_EXTENSION_VERSION"), "~4");
  assert.match(setting("WEBSITE_RUN_FROM_PACKAGE") ?? "", /^https:\/\/sipcubest\.blob\.core\.windows\.net\/deployments\/functions\.zip$/);
  assert.equal(setting("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"), "SystemAssigned");
  // An Azure Files content share would need an account key in the settings.
  assert.equal(setting("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"), undefined);
});

test("the optional ConnectyCube auth secret is stored in Key Vault and referenced, never inlined", () => {
  assert.match(setting("SipCube__ConnectyCube__AuthSecret") ?? "", /^@Microsoft\.KeyVault\(VaultName=.+;SecretName=connectycube-auth-secret\)$/);
  for (const s of settings()) assert.ok(!JSON.stringify(s).includes(testAuthSecret), s.name);
  const secret = named(recorded, "azure-native:keyvault:Secret", "connectycube-auth-secret");
  assert.equal(unwrapSecret(secret.inputs.properties).value, testAuthSecret);
});

test("the node TLS certificate goes to Key Vault as PKCS#12 and is mounted as a file for SIP over TLS", () => {
  const cert = named(recorded, "azure-native:keyvault:Secret", "node-tls-certificate");
  assert.deepEqual(unwrapSecret(cert.inputs.properties), { value: testPfx, contentType: "application/x-pkcs12" });
  const spc = named(recorded, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "node-secrets");
  const objects = JSON.parse(spc.inputs.spec.parameters.objects).array.map((o: string) => JSON.parse(o));
  const tls = objects.find((o: { objectName: string }) => o.objectName === "node-tls-certificate");
  assert.deepEqual(tls, { objectName: "node-tls-certificate", objectType: "secret", objectAlias: "node-tls.pfx", objectEncoding: "base64" });
  const ds = named(recorded, "kubernetes:apps/v1:DaemonSet", "media-node");
  const env = ds.inputs.spec.template.spec.containers[0].env as { name: string; value?: string }[];
  assert.equal(env.find((e) => e.name === "SipCube__Sip__CertificatePath")?.value, "/mnt/secrets/node-tls.pfx");
  assert.ok(!JSON.stringify(ds.inputs).includes(testPfx), "the certificate itself never appears in the pod spec");
});

test("a fixed-size media pool does not autoscale, and settings flow into the DaemonSet", () => {
  const pool = named(recorded, "azure-native:containerservice:AgentPool", "media");
  assert.equal(pool.inputs.enableAutoScaling, false);
  assert.equal(pool.inputs.count, 3);
  assert.equal(pool.inputs.minCount, undefined);
  const ds = named(recorded, "kubernetes:apps/v1:DaemonSet", "media-node");
  assert.equal(ds.inputs.spec.template.spec.terminationGracePeriodSeconds, 600);
  assert.match(ds.inputs.spec.template.spec.containers[0].image, /:0123abc$/);
  const [group] = ofType(recorded, "azure-native:monitor:ActionGroup");
  assert.deepEqual(group.inputs.emailReceivers, []);
});

test("the entry point exports every documented stack output", async () => {
  assert.equal(await out(stack.apiBaseUrl), "https://sipcube-func.azurewebsites.net/api");
  assert.equal(stack.functionPlan, "ElasticPremium");
  assert.equal((await out(stack.sipEndpoints)).length, 4, "3 nodes + 1 surge: a /30");
  assert.equal(stack.appInsightsConnectionStringSetting, "APPLICATIONINSIGHTS_CONNECTION_STRING");
  assert.match(await out(stack.containerRegistryLoginServer), /\.azurecr\.io$/);
  assert.match(await out(stack.deploymentContainerUrl), /\/deployments$/);
  assert.ok(await out(stack.resourceGroupName));
  assert.ok(await out(stack.aksClusterName));
  assert.ok(await out(stack.keyVaultName));
});
