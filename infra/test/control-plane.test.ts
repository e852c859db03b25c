import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { BuiltInRoles } from "../src/roles";
import type { SipCubeOutputs } from "../src/program";
import { Recorded, aiConnectionString, baseConfig, testCredentialKey, named, ofType, out, settle, testAuthKey, unwrapSecret, useMocks } from "./harness";

let recorded: Recorded[];
let outputs: SipCubeOutputs;

before(async () => {
  recorded = await useMocks(baseConfig, ["connectyCubeAuthKey"]);
  const { createSipCube } = await import("../src/program");
  const { loadConfig } = await import("../src/config");
  outputs = createSipCube(loadConfig());
  await out(outputs.apiBaseUrl);
  await settle(recorded);
});

const functionApp = () => ofType(recorded, "azure-native:web:WebApp")[0];
const appSettings = () => functionApp().inputs.siteConfig.appSettings as { name: string; value: string }[];
const setting = (name: string) => appSettings().find((s) => s.name === name)?.value;
const roleAssignments = () => ofType(recorded, "azure-native:authorization:RoleAssignment");
const roleGuid = (r: Recorded) => String(r.inputs.roleDefinitionId).split("/").pop();

test("storage account disallows shared keys and public blobs, requires TLS 1.2 and HTTPS", () => {
  const [sa] = ofType(recorded, "azure-native:storage:StorageAccount");
  assert.equal(sa.inputs.allowSharedKeyAccess, false);
  assert.equal(sa.inputs.allowBlobPublicAccess, false);
  assert.equal(sa.inputs.minimumTlsVersion, "TLS1_2");
  assert.equal(sa.inputs.enableHttpsTrafficOnly, true);
  assert.equal(sa.inputs.defaultToOAuthAuthentication, true);
  assert.deepEqual(ofType(recorded, "azure-native:storage:Table").map((t) => t.inputs.tableName).sort(), ["cdrs", "mappings"]);
});

test("Service Bus is Standard with local (SAS) auth disabled, queue cdr and topic control with duplicate detection", () => {
  const [ns] = ofType(recorded, "azure-native:servicebus:Namespace");
  assert.equal(ns.inputs.sku.name, "Standard");
  assert.equal(ns.inputs.disableLocalAuth, true);
  const queues = ofType(recorded, "azure-native:servicebus:Queue");
  assert.deepEqual(queues.map((q) => q.inputs.queueName), ["cdr"]);
  assert.equal(queues[0].inputs.requiresDuplicateDetection, true);
  assert.ok(queues[0].inputs.maxDeliveryCount >= 1);
  const topics = ofType(recorded, "azure-native:servicebus:Topic");
  assert.deepEqual(topics.map((t) => t.inputs.topicName), ["control"]);
  assert.equal(topics[0].inputs.requiresDuplicateDetection, true);
});

test("Key Vault uses RBAC with purge protection and holds the ConnectyCube key and App Insights connection string", () => {
  const [kv] = ofType(recorded, "azure-native:keyvault:Vault");
  assert.equal(kv.inputs.properties.enableRbacAuthorization, true);
  assert.equal(kv.inputs.properties.enablePurgeProtection, true);
  assert.equal(kv.inputs.properties.tenantId, "tenant-id");
  const secrets = ofType(recorded, "azure-native:keyvault:Secret");
  assert.deepEqual(secrets.map((s) => s.inputs.secretName).sort(), [
    "appinsights-connection-string",
    "connectycube-auth-key",
    "credential-key",
  ]);
  // The value reaches the engine as a secret (encrypted in the state), never as a plain string.
  const props = (name: string) => unwrapSecret(named(recorded, "azure-native:keyvault:Secret", name).inputs.properties);
  assert.equal(props("connectycube-auth-key").value, testAuthKey);
  assert.equal(props("appinsights-connection-string").value, aiConnectionString);
  assert.equal(Buffer.from(props("credential-key").value, "base64").length, 32, "AES-256 credential key");
  const [keyBytes] = ofType(recorded, "random:index/randomBytes:RandomBytes");
  assert.equal(keyBytes.inputs.length, 32);
});

test("Function App runs dotnet-isolated 10.0 on Flex Consumption with a system-assigned identity", () => {
  const app = functionApp();
  assert.equal(app.inputs.kind, "functionapp,linux");
  assert.equal(app.inputs.identity.type, "SystemAssigned");
  assert.equal(app.inputs.httpsOnly, true);
  assert.deepEqual(app.inputs.functionAppConfig.runtime, { name: "dotnet-isolated", version: "10.0" });
  assert.equal(app.inputs.functionAppConfig.deployment.storage.authentication.type, "SystemAssignedIdentity");
  const [plan] = ofType(recorded, "azure-native:web:AppServicePlan");
  assert.deepEqual(plan.inputs.sku, { name: "FC1", tier: "FlexConsumption" });
  assert.equal(plan.inputs.reserved, true, "Linux plan");
  // Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME: the runtime comes from functionAppConfig.
  assert.equal(setting("FUNCTIONS_WORKER_RUNTIME"), undefined);
});

test("connections are identity-based", () => {
  assert.match(setting("AzureWebJobsStorage__accountName") ?? "", /^sipcubest/);
  assert.equal(setting("AzureWebJobsStorage"), undefined);
  assert.match(setting("ServiceBus__fullyQualifiedNamespace") ?? "", /\.servicebus\.windows\.net$/);
  assert.equal(setting("SipCube__Bus__ServiceBus__FullyQualifiedNamespace"), setting("ServiceBus__fullyQualifiedNamespace"));
  assert.match(setting("SipCube__Tables__ServiceUri") ?? "", /^https:\/\/.+\.table\.core\.windows\.net\/$/);
  assert.equal(setting("SipCube__ConnectyCube__ApplicationId"), "8123");
});

test("no key, password or connection string appears in plain app settings", () => {
  const settings = appSettings();
  assert.ok(settings.length >= 6);
  for (const { name, value } of settings) {
    assert.equal(typeof value, "string", `${name} must be a plain, non-secret string`);
    assert.ok(!value.includes(testAuthKey), `${name} leaks the ConnectyCube auth key`);
    assert.ok(!value.includes(aiConnectionString), `${name} holds the App Insights connection string`);
    assert.ok(!value.includes(testCredentialKey), `${name} holds the credential key`);
    assert.doesNotMatch(value, /AccountKey=|SharedAccessKey|InstrumentationKey=|Password=|DefaultEndpointsProtocol/i, name);
    if (/key|secret|connection_?string|password/i.test(name) && name !== "APPLICATIONINSIGHTS_AUTHENTICATION_STRING") {
      assert.match(value, /^@Microsoft\.KeyVault\(VaultName=[^;]+;SecretName=[a-z-]+\)$/, `${name} must be a Key Vault reference`);
    }
  }
  assert.match(setting("SipCube__ConnectyCube__AuthKey") ?? "", /SecretName=connectycube-auth-key\)$/);
  assert.match(setting("APPLICATIONINSIGHTS_CONNECTION_STRING") ?? "", /SecretName=appinsights-connection-string\)$/);
  assert.match(setting("SipCube__Secrets__CredentialKey") ?? "", /SecretName=credential-key\)$/);
});

test("the Function App's identity gets exactly the data roles it needs, each on its own scope", () => {
  const mine = roleAssignments().filter((r) => r.inputs.principalId === "principal-sipcube-func");
  const byRole = (guid: string) => mine.filter((r) => roleGuid(r) === guid).map((r) => String(r.inputs.scope));
  assert.equal(byRole(BuiltInRoles.storageTableDataContributor).length, 1);
  assert.match(byRole(BuiltInRoles.storageTableDataContributor)[0], /storage:StorageAccount\/sipcubest$/);
  assert.match(byRole(BuiltInRoles.storageBlobDataOwner)[0], /StorageAccount/);
  assert.match(byRole(BuiltInRoles.storageQueueDataContributor)[0], /StorageAccount/);
  assert.deepEqual(byRole(BuiltInRoles.serviceBusDataReceiver).map((s) => s.split("/").pop()), ["cdr"]);
  assert.deepEqual(byRole(BuiltInRoles.serviceBusDataSender).map((s) => s.split("/").pop()), ["control"]);
  assert.match(byRole(BuiltInRoles.keyVaultSecretsUser)[0], /keyvault:Vault/);
  assert.equal(mine.length, 7);
  for (const r of mine) {
    assert.equal(r.inputs.principalType, "ServicePrincipal");
    assert.match(r.inputs.roleDefinitionId, /^\/subscriptions\/sub-id\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/);
  }
});

test("no role grants Owner, Contributor or key-reading rights", () => {
  const broad = new Set([
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
    "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
    "81a9662b-bebf-436f-a333-f67b29880f12", // Storage Account Key Operator
    "00482a5a-887f-4fb3-b363-3b7fe8e74483", // Key Vault Administrator
  ]);
  for (const r of roleAssignments()) assert.ok(!broad.has(roleGuid(r) ?? ""), `${r.name} grants a broad role`);
  const known = new Set<string>(Object.values(BuiltInRoles));
  for (const r of roleAssignments()) assert.ok(known.has(roleGuid(r) ?? ""), `${r.name} uses an unknown role`);
});

test("API base URL points at the Function App's /api", async () => {
  assert.equal(await out(outputs.apiBaseUrl), "https://sipcube-func.azurewebsites.net/api");
  assert.equal(outputs.appInsightsConnectionStringSetting, "APPLICATIONINSIGHTS_CONNECTION_STRING");
  assert.equal(outputs.appInsightsConnectionStringSecretName, "appinsights-connection-string");
});
