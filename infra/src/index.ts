import { loadConfig } from "./config";
import { createSipCube } from "./program";

// Entry point for `pulumi up`: every stack output is one field of SipCubeOutputs.
const outputs = createSipCube(loadConfig());

export const resourceGroupName = outputs.resourceGroupName;
export const apiBaseUrl = outputs.apiBaseUrl;
export const functionAppName = outputs.functionAppName;
export const functionPlan = outputs.functionPlan;
export const deploymentContainerUrl = outputs.deploymentContainerUrl;
export const sipPublicIpPrefix = outputs.sipPublicIpPrefix;
export const sipEndpointAddresses = outputs.sipEndpointAddresses;
export const sipEndpoints = outputs.sipEndpoints;
export const sipTlsPort = outputs.sipTlsPort;
export const appInsightsConnectionStringSetting = outputs.appInsightsConnectionStringSetting;
export const appInsightsConnectionStringSecretName = outputs.appInsightsConnectionStringSecretName;
export const keyVaultName = outputs.keyVaultName;
export const serviceBusNamespace = outputs.serviceBusNamespace;
export const storageAccountName = outputs.storageAccountName;
export const containerRegistryLoginServer = outputs.containerRegistryLoginServer;
export const mediaNodeImage = outputs.mediaNodeImage;
export const aksClusterName = outputs.aksClusterName;
export const alertNames = outputs.alertNames;
