import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as random from "@pulumi/random";
import { DeploymentContext } from "./context";
import { Monitoring } from "./monitoring";

/** Secret names in the vault; app settings and the media nodes' SecretProviderClass refer to them by name. */
export const SecretNames = {
  connectyCubeAuthKey: "connectycube-auth-key",
  connectyCubeAuthSecret: "connectycube-auth-secret",
  nodeTlsCertificate: "node-tls-certificate",
  appInsightsConnectionString: "appinsights-connection-string",
  credentialKey: "credential-key",
} as const;

export interface Vault {
  vault: keyvault.Vault;
  tenantId: pulumi.Output<string>;
  /** Secret names actually stored (optional secrets only when configured). */
  storedSecrets: string[];
  /** Secrets by name, so consumers can depend on them being written first. */
  secrets: keyvault.Secret[];
}

/**
 * Key Vault with RBAC authorization (no access policies), purge protection, and the secrets: the
 * ConnectyCube application credentials, the node TLS certificate (PKCS#12), the App Insights connection
 * string and the AES-256 key that encrypts ConnectyCube identities at rest (`SipCube:Secrets:CredentialKey`:
 * generated once, kept in the state as a secret; the Function App and the media nodes must share it).
 * Readers get "Key Vault Secrets User" only.
 */
export function createKeyVault(ctx: DeploymentContext, monitoring: Monitoring): Vault {
  const client = authorization.getClientConfigOutput();
  const vault = new keyvault.Vault(`${ctx.config.prefix}-kv`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    properties: {
      tenantId: client.tenantId,
      sku: { family: keyvault.SkuFamily.A, name: keyvault.SkuName.Standard },
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 30,
      enablePurgeProtection: true,
    },
    tags: ctx.tags,
  });
  const storedSecrets: string[] = [];
  const secrets: keyvault.Secret[] = [];
  const addSecret = (name: string, value: pulumi.Input<string>, contentType?: string) => {
    storedSecrets.push(name);
    secrets.push(
      new keyvault.Secret(name, {
        resourceGroupName: ctx.resourceGroup.name,
        vaultName: vault.name,
        secretName: name,
        properties: { value: pulumi.secret(value), contentType },
      }),
    );
  };
  addSecret(SecretNames.connectyCubeAuthKey, ctx.config.connectyCubeAuthKey);
  if (ctx.config.connectyCubeAuthSecret) {
    addSecret(SecretNames.connectyCubeAuthSecret, ctx.config.connectyCubeAuthSecret);
  }
  if (ctx.config.nodeTlsCertificatePfx) {
    addSecret(SecretNames.nodeTlsCertificate, ctx.config.nodeTlsCertificatePfx, "application/x-pkcs12");
  }
  addSecret(SecretNames.appInsightsConnectionString, monitoring.appInsights.connectionString);
  // Replacing this key would make every stored ConnectyCube password unreadable: never regenerate it.
  const credentialKey = new random.RandomBytes("credential-key", { length: 32 }, { protect: true });
  addSecret(SecretNames.credentialKey, credentialKey.base64);
  return { vault, tenantId: client.tenantId, storedSecrets, secrets };
}

/** An App Service Key Vault reference: the setting holds a pointer, the platform resolves it with the app's identity. */
export function keyVaultReference(vaultName: pulumi.Input<string>, secretName: string): pulumi.Output<string> {
  return pulumi.interpolate`@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})`;
}
