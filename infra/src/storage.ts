import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import { DeploymentContext } from "./context";

/** Tables the control plane uses (it also creates missing tables itself). */
export const tableNames = ["mappings", "cdrs"] as const;
/** Blob container holding the Functions deployment package. */
export const deploymentContainerName = "deployments";

export interface ControlPlaneStorage {
  account: storage.StorageAccount;
  blobEndpoint: pulumi.Output<string>;
  tableEndpoint: pulumi.Output<string>;
  deploymentContainerUrl: pulumi.Output<string>;
}

/**
 * One StorageV2 account for the Functions host (blobs, queues), the deployment package and the Tables.
 * Shared keys are disabled: every client (Functions host, control plane, media nodes) uses Entra ID.
 */
export function createStorage(ctx: DeploymentContext): ControlPlaneStorage {
  const account = new storage.StorageAccount(`${ctx.config.prefix}st`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    kind: storage.Kind.StorageV2,
    sku: { name: storage.SkuName.Standard_ZRS },
    allowSharedKeyAccess: false,
    defaultToOAuthAuthentication: true,
    allowBlobPublicAccess: false,
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
    tags: ctx.tags,
  });
  for (const table of tableNames) {
    new storage.Table(`table-${table}`, {
      resourceGroupName: ctx.resourceGroup.name,
      accountName: account.name,
      tableName: table,
    });
  }
  new storage.BlobContainer("deployments", {
    resourceGroupName: ctx.resourceGroup.name,
    accountName: account.name,
    containerName: deploymentContainerName,
    publicAccess: storage.PublicAccess.None,
  });
  const blobEndpoint = pulumi.interpolate`https://${account.name}.blob.core.windows.net/`;
  return {
    account,
    blobEndpoint,
    tableEndpoint: pulumi.interpolate`https://${account.name}.table.core.windows.net/`,
    deploymentContainerUrl: pulumi.interpolate`${blobEndpoint}${deploymentContainerName}`,
  };
}
