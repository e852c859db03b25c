import * as pulumi from "@pulumi/pulumi";
import * as web from "@pulumi/azure-native/web";
import { DeploymentContext } from "./context";
import { SecretNames, Vault, keyVaultReference } from "./keyVault";
import { Monitoring } from "./monitoring";
import { grantRole } from "./roles";
import { Bus } from "./serviceBus";
import { ControlPlaneStorage } from "./storage";

/** The worker runtime the control plane is built for (functions/: .NET isolated worker on net10.0). */
export const functionsRuntime = { name: "dotnet-isolated", version: "10.0" } as const;
/** Package blob name used by the Elastic Premium plan (run from package); deploy.yml uploads it. */
export const premiumPackageBlobName = "functions.zip";

export interface ControlPlaneApp {
  app: web.WebApp;
  plan: web.AppServicePlan;
  apiBaseUrl: pulumi.Output<string>;
  appSettings: pulumi.Output<{ name: string; value: string }[]>;
}

/**
 * The Linux Function App for functions/ (isolated worker): Flex Consumption by default, Elastic Premium when
 * the stack says so. System-assigned identity; every connection is identity-based (`__accountName`,
 * `__fullyQualifiedNamespace`, service URIs) and secrets are Key Vault references, so no app setting holds a
 * key or a connection string.
 */
export function createFunctionApp(
  ctx: DeploymentContext,
  st: ControlPlaneStorage,
  bus: Bus,
  kv: Vault,
  monitoring: Monitoring,
): ControlPlaneApp {
  const flex = ctx.config.functionPlan === "FlexConsumption";
  const plan = new web.AppServicePlan(`${ctx.config.prefix}-plan`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    kind: flex ? "functionapp" : "elastic",
    reserved: true,
    sku: flex ? { name: "FC1", tier: "FlexConsumption" } : { name: "EP1", tier: "ElasticPremium" },
    maximumElasticWorkerCount: flex ? undefined : ctx.config.functionMaximumInstances,
    tags: ctx.tags,
  });

  const settings: { name: string; value: pulumi.Input<string> }[] = [
    { name: "AzureWebJobsStorage__accountName", value: st.account.name },
    { name: "ServiceBus__fullyQualifiedNamespace", value: bus.fullyQualifiedNamespace },
    { name: "SipCube__Bus__ServiceBus__FullyQualifiedNamespace", value: bus.fullyQualifiedNamespace },
    { name: "SipCube__Tables__ServiceUri", value: st.tableEndpoint },
    { name: "SipCube__ConnectyCube__ApplicationId", value: `${ctx.config.connectyCubeApplicationId}` },
    { name: "SipCube__ConnectyCube__AuthKey", value: keyVaultReference(kv.vault.name, SecretNames.connectyCubeAuthKey) },
    { name: "SipCube__Secrets__CredentialKey", value: keyVaultReference(kv.vault.name, SecretNames.credentialKey) },
    {
      name: "APPLICATIONINSIGHTS_CONNECTION_STRING",
      value: keyVaultReference(kv.vault.name, SecretNames.appInsightsConnectionString),
    },
    // Telemetry is sent with the app's identity (Monitoring Metrics Publisher), not the ingestion key alone.
    { name: "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", value: "Authorization=AAD" },
  ];
  if (ctx.config.connectyCubeAuthSecret) {
    settings.push({
      name: "SipCube__ConnectyCube__AuthSecret",
      value: keyVaultReference(kv.vault.name, SecretNames.connectyCubeAuthSecret),
    });
  }
  if (!flex) {
    // Flex Consumption rejects these two (the runtime comes from functionAppConfig); Premium needs them.
    settings.push({ name: "FUNCTIONS_EXTENSION_VERSION", value: "~4" });
    settings.push({ name: "FUNCTIONS_WORKER_RUNTIME", value: functionsRuntime.name });
    // Run from a package blob read with the app's identity: no Azure Files content share, which would need a key.
    settings.push({ name: "WEBSITE_RUN_FROM_PACKAGE", value: pulumi.interpolate`${st.deploymentContainerUrl}/${premiumPackageBlobName}` });
    settings.push({ name: "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", value: "SystemAssigned" });
  }

  const app = new web.WebApp(`${ctx.config.prefix}-func`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    kind: "functionapp,linux",
    serverFarmId: plan.id,
    httpsOnly: true,
    identity: { type: web.ManagedServiceIdentityType.SystemAssigned },
    keyVaultReferenceIdentity: "SystemAssigned",
    siteConfig: {
      appSettings: settings,
      minTlsVersion: web.SupportedTlsVersions.SupportedTlsVersions_1_2,
      ftpsState: web.FtpsState.Disabled,
      http20Enabled: true,
      linuxFxVersion: flex ? undefined : `DOTNET-ISOLATED|${functionsRuntime.version}`,
    },
    functionAppConfig: flex
      ? {
          deployment: {
            storage: {
              type: web.FunctionsDeploymentStorageType.BlobContainer,
              value: st.deploymentContainerUrl,
              authentication: { type: web.AuthenticationType.SystemAssignedIdentity },
            },
          },
          runtime: { name: functionsRuntime.name, version: functionsRuntime.version },
          scaleAndConcurrency: { maximumInstanceCount: ctx.config.functionMaximumInstances, instanceMemoryMB: 2048 },
        }
      : undefined,
    tags: ctx.tags,
  });

  const principalId = app.identity.apply((i) => i?.principalId ?? "");
  const accountId = st.account.id;
  grantRole("func-blob-owner", { role: "storageBlobDataOwner", scope: accountId, principalId });
  grantRole("func-queue-contributor", { role: "storageQueueDataContributor", scope: accountId, principalId });
  grantRole("func-table-contributor", { role: "storageTableDataContributor", scope: accountId, principalId });
  grantRole("func-sb-cdr-receiver", { role: "serviceBusDataReceiver", scope: bus.cdrQueue.id, principalId });
  grantRole("func-sb-control-sender", { role: "serviceBusDataSender", scope: bus.controlTopic.id, principalId });
  grantRole("func-kv-secrets-user", { role: "keyVaultSecretsUser", scope: kv.vault.id, principalId });
  grantRole("func-ai-publisher", { role: "monitoringMetricsPublisher", scope: monitoring.appInsights.id, principalId });

  return {
    app,
    plan,
    apiBaseUrl: pulumi.interpolate`https://${app.defaultHostName}/api`,
    appSettings: pulumi.output(settings).apply((s) => s.map((x) => ({ name: x.name, value: x.value }))),
  };
}
