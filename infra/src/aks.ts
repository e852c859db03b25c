import * as pulumi from "@pulumi/pulumi";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { DeploymentContext } from "./context";
import { Monitoring } from "./monitoring";
import { MediaNetwork } from "./network";
import { mediaPorts } from "./ports";
import { grantRole } from "./roles";

/** Label and taint that keep the media pool for media nodes only (and media nodes off the system pool). */
export const mediaNodeLabel = { key: "sipcube.io/role", value: "media" } as const;
export const mediaNodeTaint = { key: "sipcube.io/media", value: "true", effect: "NoSchedule" } as const;
export const keyVaultAddonName = "azureKeyvaultSecretsProvider";

export interface MediaCluster {
  cluster: containerservice.ManagedCluster;
  mediaPool: containerservice.AgentPool;
  registry: containerregistry.Registry;
  /** The node pools' (kubelet) identity: media nodes use it for Service Bus, Tables and image pulls. */
  kubelet: pulumi.Output<{ clientId: string; objectId: string }>;
  /** Identity of the Key Vault CSI driver add-on, which mounts the node secrets. */
  keyVaultAddonIdentity: pulumi.Output<{ clientId: string; objectId: string }>;
}

/**
 * AKS for the media plane. Azure Container Apps has no UDP ingress and Container Instances allow five ports
 * per IP, so media nodes run on a dedicated node pool where every node has its own public IP (from the prefix)
 * and pods use host networking: SIP and RTP reach the node directly with no load balancer or NAT rewriting
 * in between, and the node advertises that public IP in SDP and Via/Contact.
 */
export function createCluster(ctx: DeploymentContext, net: MediaNetwork, monitoring: Monitoring): MediaCluster {
  const c = ctx.config;
  // A user-assigned control-plane identity exists before the cluster, so it can be allowed to join the
  // subnets and the public IP prefix up front (a system-assigned one cannot).
  const controlIdentity = new managedidentity.UserAssignedIdentity(`${c.prefix}-aks-identity`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    tags: ctx.tags,
  });
  const joinVnet = grantRole("aks-network-vnet", {
    role: "networkContributor",
    scope: net.vnet.id,
    principalId: controlIdentity.principalId,
  });
  const joinPrefix = grantRole("aks-network-ip-prefix", {
    role: "networkContributor",
    scope: net.publicIpPrefix.id,
    principalId: controlIdentity.principalId,
  });

  const cluster = new containerservice.ManagedCluster(
    `${c.prefix}-aks`,
    {
      resourceGroupName: ctx.resourceGroup.name,
      location: ctx.location,
      dnsPrefix: `${c.prefix}-media`,
      kubernetesVersion: c.kubernetesVersion,
      sku: { name: "Base", tier: "Standard" },
      identity: {
        type: containerservice.ResourceIdentityType.UserAssigned,
        userAssignedIdentities: [controlIdentity.id],
      },
      enableRBAC: true,
      agentPoolProfiles: [
        {
          name: "system",
          mode: containerservice.AgentPoolMode.System,
          count: 1,
          vmSize: c.systemNodeSize,
          osType: containerservice.OSType.Linux,
          type: containerservice.AgentPoolType.VirtualMachineScaleSets,
          vnetSubnetID: net.systemSubnet.id,
          enableNodePublicIP: false,
          nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
        },
      ],
      networkProfile: {
        networkPlugin: containerservice.NetworkPlugin.Azure,
        networkPluginMode: containerservice.NetworkPluginMode.Overlay,
        podCidr: "192.168.0.0/16",
        serviceCidr: "172.16.0.0/16",
        dnsServiceIP: "172.16.0.10",
        loadBalancerSku: containerservice.LoadBalancerSku.Standard,
        outboundType: containerservice.OutboundType.LoadBalancer,
      },
      addonProfiles: {
        [keyVaultAddonName]: { enabled: true, config: { enableSecretRotation: "true", rotationPollInterval: "2m" } },
        omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: monitoring.workspace.id } },
      },
      autoUpgradeProfile: { upgradeChannel: containerservice.UpgradeChannel.Patch },
      tags: ctx.tags,
    },
    { dependsOn: [joinVnet, joinPrefix] },
  );

  const mediaPool = new containerservice.AgentPool("media", {
    resourceGroupName: ctx.resourceGroup.name,
    resourceName: cluster.name,
    agentPoolName: "media",
    mode: containerservice.AgentPoolMode.User,
    osType: containerservice.OSType.Linux,
    type: containerservice.AgentPoolType.VirtualMachineScaleSets,
    vmSize: c.mediaNodeSize,
    count: c.mediaNodeCount,
    enableAutoScaling: c.mediaNodeMaxCount > c.mediaNodeCount,
    minCount: c.mediaNodeMaxCount > c.mediaNodeCount ? c.mediaNodeCount : undefined,
    maxCount: c.mediaNodeMaxCount > c.mediaNodeCount ? c.mediaNodeMaxCount : undefined,
    vnetSubnetID: net.mediaSubnet.id,
    enableNodePublicIP: true,
    nodePublicIPPrefixID: net.publicIpPrefix.id,
    nodeLabels: { [mediaNodeLabel.key]: mediaNodeLabel.value },
    nodeTaints: [`${mediaNodeTaint.key}=${mediaNodeTaint.value}:${mediaNodeTaint.effect}`],
    // AKS applies these to the node public IPs: host ports outside the list stay closed even if a pod binds them.
    networkProfile: {
      allowedHostPorts: mediaPorts(c).map((p) => ({
        portStart: p.from,
        portEnd: p.to,
        protocol: p.protocol === "Udp" ? containerservice.Protocol.UDP : containerservice.Protocol.TCP,
      })),
    },
    upgradeSettings: { maxSurge: "1" },
    tags: ctx.tags,
  });

  const registry = new containerregistry.Registry(`${c.prefix}acr`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    sku: { name: containerregistry.SkuName.Basic },
    adminUserEnabled: false,
    anonymousPullEnabled: false,
    tags: ctx.tags,
  });

  const kubelet = cluster.identityProfile.apply((p) => {
    const k = p?.["kubeletidentity"];
    return { clientId: k?.clientId ?? "", objectId: k?.objectId ?? "" };
  });
  const keyVaultAddonIdentity = cluster.addonProfiles.apply((p) => {
    const identity = p?.[keyVaultAddonName]?.identity;
    return { clientId: identity?.clientId ?? "", objectId: identity?.objectId ?? "" };
  });
  grantRole("aks-acr-pull", { role: "acrPull", scope: registry.id, principalId: kubelet.objectId });
  return { cluster, mediaPool, registry, kubelet, keyVaultAddonIdentity };
}
