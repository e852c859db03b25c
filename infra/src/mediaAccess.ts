import { MediaCluster } from "./aks";
import { Vault } from "./keyVault";
import { Monitoring } from "./monitoring";
import { grantRole } from "./roles";
import { Bus } from "./serviceBus";
import { ControlPlaneStorage } from "./storage";

/**
 * Data-plane access for the media nodes (through the node pool's kubelet identity) and for the Key Vault CSI
 * add-on, each scoped to the one entity it uses.
 */
export function grantMediaAccess(aks: MediaCluster, kv: Vault, bus: Bus, st: ControlPlaneStorage, m: Monitoring): void {
  const nodes = aks.kubelet.objectId;
  grantRole("media-sb-cdr-sender", { role: "serviceBusDataSender", scope: bus.cdrQueue.id, principalId: nodes });
  grantRole("media-sb-control-receiver", { role: "serviceBusDataReceiver", scope: bus.controlTopic.id, principalId: nodes });
  // Registrations are recorded centrally (which node owns a phone), so nodes write Tables too.
  grantRole("media-table-contributor", { role: "storageTableDataContributor", scope: st.account.id, principalId: nodes });
  grantRole("media-ai-publisher", { role: "monitoringMetricsPublisher", scope: m.appInsights.id, principalId: nodes });
  grantRole("media-kv-secrets-user", {
    role: "keyVaultSecretsUser",
    scope: kv.vault.id,
    principalId: aks.keyVaultAddonIdentity.objectId,
  });
}
