import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";

/**
 * Built-in Azure role definition ids (the same GUID in every tenant). Apps get data-plane roles only, scoped to
 * the one account, vault, queue or topic they use; Network Contributor goes to the AKS control-plane identity
 * on the VNet and the public IP prefix it must join.
 */
export const BuiltInRoles = {
  storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
  storageQueueDataContributor: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
  storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
  storageTableDataReader: "76199698-9eea-4c19-bc75-cec21354c6b6",
  serviceBusDataSender: "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
  serviceBusDataReceiver: "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  monitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
} as const;

export type BuiltInRole = keyof typeof BuiltInRoles;

/** Grants one built-in role to a managed identity on one scope. */
export function grantRole(
  name: string,
  args: { role: BuiltInRole; scope: pulumi.Input<string>; principalId: pulumi.Input<string> },
  opts?: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
  const client = authorization.getClientConfigOutput();
  return new authorization.RoleAssignment(
    name,
    {
      scope: args.scope,
      principalId: args.principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BuiltInRoles[args.role]}`,
    },
    opts,
  );
}
