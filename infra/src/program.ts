import * as pulumi from "@pulumi/pulumi";
import { createAlerts } from "./alerts";
import { createCluster } from "./aks";
import { StackConfig, sipTlsPort } from "./config";
import { createContext } from "./context";
import { createFunctionApp } from "./functionApp";
import { SecretNames, createKeyVault } from "./keyVault";
import { grantMediaAccess } from "./mediaAccess";
import { deployMediaNodes } from "./mediaWorkload";
import { createMonitoring } from "./monitoring";
import { addressesInPrefix, createNetwork, publicIpPrefixLength, sipEndpoints } from "./network";
import { createNodeSubscriptions, createServiceBus } from "./serviceBus";
import { createStorage } from "./storage";

/** The stack outputs (what the README's deploy section and deploy.yml read). */
export interface SipCubeOutputs {
  resourceGroupName: pulumi.Output<string>;
  apiBaseUrl: pulumi.Output<string>;
  functionAppName: pulumi.Output<string>;
  functionPlan: string;
  deploymentContainerUrl: pulumi.Output<string>;
  sipPublicIpPrefix: pulumi.Output<string | undefined>;
  sipEndpointAddresses: pulumi.Output<string[]>;
  sipEndpoints: pulumi.Output<string[]>;
  sipTlsPort: number;
  appInsightsConnectionStringSetting: string;
  appInsightsConnectionStringSecretName: string;
  keyVaultName: pulumi.Output<string>;
  serviceBusNamespace: pulumi.Output<string>;
  storageAccountName: pulumi.Output<string>;
  containerRegistryLoginServer: pulumi.Output<string>;
  mediaNodeImage: pulumi.Output<string>;
  aksClusterName: pulumi.Output<string>;
  alertNames: string[];
}

/** Builds the whole deployment: control plane, media plane, alerts. */
export function createSipCube(config: StackConfig): SipCubeOutputs {
  const ctx = createContext(config);
  const st = createStorage(ctx);
  const bus = createServiceBus(ctx);
  const monitoring = createMonitoring(ctx);
  const kv = createKeyVault(ctx, monitoring);
  const func = createFunctionApp(ctx, st, bus, kv, monitoring);

  const net = createNetwork(ctx);
  createNodeSubscriptions(ctx, bus, 2 ** (32 - publicIpPrefixLength(config.mediaNodeMaxCount)));
  const aks = createCluster(ctx, net, monitoring);
  grantMediaAccess(aks, kv, bus, st, monitoring);
  const media = deployMediaNodes(ctx, aks, kv, bus, st, net);
  const alerts = createAlerts(ctx, monitoring, aks);

  return {
    resourceGroupName: ctx.resourceGroup.name,
    apiBaseUrl: func.apiBaseUrl,
    functionAppName: func.app.name,
    functionPlan: config.functionPlan,
    deploymentContainerUrl: st.deploymentContainerUrl,
    sipPublicIpPrefix: net.publicIpPrefix.ipPrefix,
    sipEndpointAddresses: net.publicIpPrefix.ipPrefix.apply((p) => (p ? addressesInPrefix(p) : [])),
    sipEndpoints: sipEndpoints(net.publicIpPrefix.ipPrefix),
    sipTlsPort,
    appInsightsConnectionStringSetting: "APPLICATIONINSIGHTS_CONNECTION_STRING",
    appInsightsConnectionStringSecretName: SecretNames.appInsightsConnectionString,
    keyVaultName: kv.vault.name,
    serviceBusNamespace: bus.fullyQualifiedNamespace,
    storageAccountName: st.account.name,
    containerRegistryLoginServer: aks.registry.loginServer,
    mediaNodeImage: media.image,
    aksClusterName: aks.cluster.name,
    alertNames: alerts.definitions.map((d) => d.name),
  };
}
