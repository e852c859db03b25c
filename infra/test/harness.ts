import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered with the mock engine. */
export interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

export const project = "sipcube-infra";
/** A value no plain app setting, env var or output may contain. */
export const testAuthKey = "cc-auth-key-DO-NOT-LEAK-7f3a";
export const testAuthSecret = "cc-auth-secret-DO-NOT-LEAK-91b2";
export const testPfx = "TUlJS1BGWC1ETy1OT1QtTEVBSw==";
export const testIpPrefix = (length: number) => `203.0.113.${length === 28 ? 16 : 8}/${length}`;
export const testCredentialKey = Buffer.alloc(32, 7).toString("base64");
export const aiConnectionString =
  "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

export const baseConfig: Record<string, string> = {
  location: "westeurope",
  connectyCubeApplicationId: "8123",
  connectyCubeAuthKey: testAuthKey,
  rtpPortMin: "10000",
  rtpPortMax: "20000",
  mediaNodeCount: "2",
  mediaNodeMaxCount: "4",
  alertEmail: "ops@example.com",
};

/**
 * Registers Pulumi mocks that record every resource, fill in the outputs Azure computes (names, host names,
 * identities, the public IP prefix) and answer the invokes the program makes; then sets the stack config.
 */
export async function useMocks(config: Record<string, string>, secretKeys: string[]): Promise<Recorded[]> {
  const recorded: Recorded[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (a: pulumi.runtime.MockResourceArgs) => {
        recorded.push({ type: a.type, name: a.name, inputs: a.inputs });
        const state: Record<string, any> = { ...a.inputs, name: a.inputs.name ?? a.name };
        const id = `/subscriptions/sub/resourceGroups/rg/providers/${a.type}/${a.name}`;
        switch (a.type) {
          case "azure-native:web:WebApp":
            state.defaultHostName = `${a.name}.azurewebsites.net`;
            state.identity = { type: "SystemAssigned", principalId: `principal-${a.name}` };
            break;
          case "azure-native:containerservice:ManagedCluster":
            state.identityProfile = { kubeletidentity: { clientId: "kubelet-client", objectId: "kubelet-object" } };
            state.addonProfiles = {
              ...a.inputs.addonProfiles,
              azureKeyvaultSecretsProvider: {
                ...a.inputs.addonProfiles?.azureKeyvaultSecretsProvider,
                identity: { clientId: "kv-addon-client", objectId: "kv-addon-object" },
              },
            };
            break;
          case "azure-native:network:PublicIPPrefix":
            state.ipPrefix = testIpPrefix(a.inputs.prefixLength);
            break;
          case "azure-native:containerregistry:Registry":
            state.loginServer = `${a.name}.azurecr.io`;
            break;
          case "azure-native:applicationinsights:Component":
            state.connectionString = aiConnectionString;
            break;
          case "random:index/randomBytes:RandomBytes":
            state.base64 = testCredentialKey;
            state.hex = Buffer.from(testCredentialKey, "base64").toString("hex");
            break;
          case "azure-native:managedidentity:UserAssignedIdentity":
            state.principalId = `principal-${a.name}`;
            state.clientId = `client-${a.name}`;
            break;
        }
        return { id, state };
      },
      call: (a: pulumi.runtime.MockCallArgs) => {
        switch (a.token) {
          case "azure-native:authorization:getClientConfig":
            return { subscriptionId: "sub-id", tenantId: "tenant-id", clientId: "deployer", objectId: "deployer-object" };
          case "azure-native:containerservice:listManagedClusterAdminCredentials":
            return { kubeconfigs: [{ name: "clusterAdmin", value: Buffer.from("apiVersion: v1\nkind: Config\n").toString("base64") }] };
          default:
            return a.inputs;
        }
      },
    },
    project,
    "test",
    false,
  );
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) all[`${project}:${k}`] = v;
  pulumi.runtime.setAllConfig(all, secretKeys.map((k) => `${project}:${k}`));
  return recorded;
}

/** Resolves an Output in a test (mocks resolve everything; secrets unwrap). */
export function out<T>(o: pulumi.Output<T> | T): Promise<T> {
  return new Promise((resolve) => pulumi.output(o).apply((v) => resolve(v as T)));
}

/** Waits until the mock engine has seen every registration (the count stops changing). */
export async function settle(recorded: Recorded[]): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 500 && stable < 5; i++) {
    await new Promise((r) => setTimeout(r, 10));
    stable = recorded.length === last ? stable + 1 : 0;
    last = recorded.length;
  }
}

export const ofType = (recorded: Recorded[], type: string) => recorded.filter((r) => r.type === type);
export const named = (recorded: Recorded[], type: string, name: string) => {
  const r = recorded.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}; have ${ofType(recorded, type).map((x) => x.name).join(", ")}`);
  return r;
};

/** Pulumi's wire marker for a secret value; the mock engine receives secret inputs wrapped in it. */
const secretSignature = ["4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270"] as const;

/** The plain value inside a secret input; fails when the input was not marked secret. */
export function unwrapSecret(input: any): any {
  if (input?.[secretSignature[0]] !== secretSignature[1]) throw new Error(`not a secret: ${JSON.stringify(input)}`);
  return input.value;
}
