import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as azureTypes from "@pulumi/azure-native/types";
import { DeploymentContext } from "./context";
import { MediaPort, mediaPorts, portRangeText } from "./ports";

export interface MediaNetwork {
  vnet: network.VirtualNetwork;
  systemSubnet: network.Subnet;
  mediaSubnet: network.Subnet;
  mediaNsg: network.NetworkSecurityGroup;
  systemNsg: network.NetworkSecurityGroup;
  publicIpPrefix: network.PublicIPPrefix;
}

/** First NSG priority for the media rules (100-4096; lower wins). */
const firstRulePriority = 100;

/** Two /22 subnets carved from the start of the VNet's /16 (validated in config). */
export function subnetPrefixes(vnetAddressSpace: string): { system: string; media: string } {
  const [a, b] = vnetAddressSpace.split("/")[0].split(".");
  return { system: `${a}.${b}.0.0/22`, media: `${a}.${b}.4.0/22` };
}

/** Smallest IPv4 prefix length holding `nodes` addresses plus one for a surge node during upgrades (/28../31). */
export function publicIpPrefixLength(nodes: number): number {
  const bits = Math.ceil(Math.log2(Math.max(2, nodes + 1)));
  return Math.min(31, Math.max(28, 32 - bits));
}

/** The NSG rule that admits one media port range from the Internet. */
export function mediaNsgRule(p: MediaPort, index: number): azureTypes.input.network.SecurityRuleArgs {
  return {
    name: `allow-${p.name}`,
    priority: firstRulePriority + index * 10,
    direction: network.SecurityRuleDirection.Inbound,
    access: network.SecurityRuleAccess.Allow,
    protocol: p.protocol,
    sourceAddressPrefix: "Internet",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: portRangeText(p),
  };
}

/**
 * The VNet: a system subnet for AKS system pods (no public IPs, no inbound rules) and a media subnet whose NSG
 * opens exactly the SIP ports and the RTP range. Media nodes take their public IPs from one prefix, so the
 * set of SIP endpoint addresses is known before the nodes exist.
 */
export function createNetwork(ctx: DeploymentContext): MediaNetwork {
  const prefixes = subnetPrefixes(ctx.config.vnetAddressSpace);
  const systemNsg = new network.NetworkSecurityGroup(`${ctx.config.prefix}-system-nsg`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    securityRules: [],
    tags: ctx.tags,
  });
  const mediaNsg = new network.NetworkSecurityGroup(`${ctx.config.prefix}-media-nsg`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    securityRules: mediaPorts(ctx.config).map(mediaNsgRule),
    tags: ctx.tags,
  });
  const vnet = new network.VirtualNetwork(
    `${ctx.config.prefix}-vnet`,
    {
      resourceGroupName: ctx.resourceGroup.name,
      location: ctx.location,
      addressSpace: { addressPrefixes: [ctx.config.vnetAddressSpace] },
      tags: ctx.tags,
    },
    // Subnets are separate resources; inline ones would be deleted on every update.
    { ignoreChanges: ["subnets"] },
  );
  const systemSubnet = new network.Subnet("system", {
    resourceGroupName: ctx.resourceGroup.name,
    virtualNetworkName: vnet.name,
    subnetName: "system",
    addressPrefix: prefixes.system,
    networkSecurityGroup: { id: systemNsg.id },
  });
  const mediaSubnet = new network.Subnet(
    "media",
    {
      resourceGroupName: ctx.resourceGroup.name,
      virtualNetworkName: vnet.name,
      subnetName: "media",
      addressPrefix: prefixes.media,
      networkSecurityGroup: { id: mediaNsg.id },
    },
    // Azure serialises writes to one VNet's subnets.
    { dependsOn: [systemSubnet] },
  );
  const publicIpPrefix = new network.PublicIPPrefix(`${ctx.config.prefix}-media-ips`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    sku: { name: network.PublicIPPrefixSkuName.Standard, tier: network.PublicIPPrefixSkuTier.Regional },
    publicIPAddressVersion: network.IPVersion.IPv4,
    prefixLength: publicIpPrefixLength(ctx.config.mediaNodeMaxCount),
    tags: ctx.tags,
  });
  return { vnet, systemSubnet, mediaSubnet, mediaNsg, systemNsg, publicIpPrefix };
}

/** Every address in an IPv4 CIDR (small prefixes only: /28 and longer). */
export function addressesInPrefix(cidr: string): string[] {
  const [base, lengthText] = cidr.split("/");
  const length = Number(lengthText);
  if (!(length >= 28 && length <= 32)) throw new Error(`prefix ${cidr} is not a /28-/32`);
  const start = base.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const count = 2 ** (32 - length);
  return Array.from({ length: count }, (_, i) => {
    const n = start + i;
    return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
  });
}

/** SIP URIs a phone can be pointed at: one per address a media node can hold. */
export function sipEndpoints(prefix: pulumi.Output<string | undefined>): pulumi.Output<string[]> {
  return prefix.apply((p) => (p ? addressesInPrefix(p).map((ip) => `sip:${ip}:5060`) : []));
}
