import * as pulumi from "@pulumi/pulumi";

/** Which Functions hosting plan runs the control plane. */
export type FunctionPlan = "FlexConsumption" | "ElasticPremium";

/**
 * Everything the program reads from the stack configuration (Pulumi.<stack>.yaml).
 * Secrets stay pulumi.Output so they are never printed or stored in plain text in the state.
 */
export interface StackConfig {
  location: string;
  /** Short lowercase prefix for resource names (letters and digits). */
  prefix: string;
  functionPlan: FunctionPlan;
  functionMaximumInstances: number;
  kubernetesVersion?: string;
  systemNodeSize: string;
  mediaNodeSize: string;
  mediaNodeCount: number;
  mediaNodeMaxCount: number;
  rtpPortMin: number;
  rtpPortMax: number;
  vnetAddressSpace: string;
  connectyCubeApplicationId: number;
  connectyCubeAuthKey: pulumi.Output<string>;
  connectyCubeAuthSecret?: pulumi.Output<string>;
  /** Base64 PKCS#12 certificate for SIP over TLS (5061); optional. */
  nodeTlsCertificatePfx?: pulumi.Output<string>;
  mediaNodeImageTag: string;
  drainSeconds: number;
  activeCallsAlertThreshold: number;
  sipLatencyAlertMs: number;
  registrationFailureAlertThreshold: number;
  alertEmail?: string;
}

/** The validated part of the configuration: plain values only, so it can be checked without an engine. */
export type PlainStackConfig = Omit<StackConfig, "connectyCubeAuthKey" | "connectyCubeAuthSecret" | "nodeTlsCertificatePfx">;

/** SIP signalling ports are fixed (the well-known ports phones default to, RFC 3261 §19.1.2). */
export const sipUdpPort = 5060;
export const sipTcpPort = 5060;
export const sipTlsPort = 5061;
/** The media node's loopback HTTP port (health, metrics, local API): must stay out of the RTP range. */
export const nodeHttpPort = 7071;
/**
 * Linux's default ephemeral range (net.ipv4.ip_local_port_range). With host networking the kernel hands these
 * ports to outgoing connections (XMPP, Service Bus, HTTPS), so an RTP range inside it would collide at random.
 */
export const linuxEphemeralPorts = { min: 32768, max: 60999 };
/** Kubernetes' NodePort range: kube-proxy owns these ports on every node's addresses. */
export const kubernetesNodePorts = { min: 30000, max: 32767 };
/** A /28 public IP prefix (16 addresses, the largest Azure grants without a quota request) less one surge node. */
export const maxMediaNodes = 15;

const defaults = {
  prefix: "sipcube",
  functionPlan: "FlexConsumption" as FunctionPlan,
  functionMaximumInstances: 40,
  systemNodeSize: "Standard_D2s_v5",
  mediaNodeSize: "Standard_F4s_v2",
  mediaNodeCount: 2,
  mediaNodeMaxCount: 4,
  rtpPortMin: 10000,
  rtpPortMax: 20000,
  vnetAddressSpace: "10.60.0.0/16",
  mediaNodeImageTag: "latest",
  drainSeconds: 300,
  activeCallsAlertThreshold: 200,
  sipLatencyAlertMs: 500,
  registrationFailureAlertThreshold: 20,
};

/** Reads the stack configuration, applies defaults and validates it (throws with every problem listed). */
export function loadConfig(cfg: pulumi.Config = new pulumi.Config()): StackConfig {
  const plain: PlainStackConfig = {
    location: cfg.require("location"),
    prefix: cfg.get("prefix") ?? defaults.prefix,
    functionPlan: (cfg.get("functionPlan") ?? defaults.functionPlan) as FunctionPlan,
    functionMaximumInstances: cfg.getNumber("functionMaximumInstances") ?? defaults.functionMaximumInstances,
    kubernetesVersion: cfg.get("kubernetesVersion"),
    systemNodeSize: cfg.get("systemNodeSize") ?? defaults.systemNodeSize,
    mediaNodeSize: cfg.get("mediaNodeSize") ?? defaults.mediaNodeSize,
    mediaNodeCount: cfg.getNumber("mediaNodeCount") ?? defaults.mediaNodeCount,
    mediaNodeMaxCount: cfg.getNumber("mediaNodeMaxCount") ?? defaults.mediaNodeMaxCount,
    rtpPortMin: cfg.getNumber("rtpPortMin") ?? defaults.rtpPortMin,
    rtpPortMax: cfg.getNumber("rtpPortMax") ?? defaults.rtpPortMax,
    vnetAddressSpace: cfg.get("vnetAddressSpace") ?? defaults.vnetAddressSpace,
    connectyCubeApplicationId: cfg.requireNumber("connectyCubeApplicationId"),
    mediaNodeImageTag: cfg.get("mediaNodeImageTag") ?? defaults.mediaNodeImageTag,
    drainSeconds: cfg.getNumber("drainSeconds") ?? defaults.drainSeconds,
    activeCallsAlertThreshold: cfg.getNumber("activeCallsAlertThreshold") ?? defaults.activeCallsAlertThreshold,
    sipLatencyAlertMs: cfg.getNumber("sipLatencyAlertMs") ?? defaults.sipLatencyAlertMs,
    registrationFailureAlertThreshold:
      cfg.getNumber("registrationFailureAlertThreshold") ?? defaults.registrationFailureAlertThreshold,
    alertEmail: cfg.get("alertEmail"),
  };
  const problems = validateConfig(plain);
  if (problems.length > 0) {
    throw new Error(`invalid stack configuration:\n  - ${problems.join("\n  - ")}`);
  }
  return {
    ...plain,
    connectyCubeAuthKey: cfg.requireSecret("connectyCubeAuthKey"),
    connectyCubeAuthSecret: cfg.getSecret("connectyCubeAuthSecret"),
    nodeTlsCertificatePfx: cfg.getSecret("nodeTlsCertificatePfx"),
  };
}

const isPort = (p: number) => Number.isInteger(p) && p >= 1 && p <= 65535;
const inRange = (p: number, min: number, max: number) => p >= min && p <= max;

/** Returns every problem with the plain configuration (empty when valid). Pure, so tests call it directly. */
export function validateConfig(c: PlainStackConfig): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9]{1,11}$/.test(c.prefix)) {
    problems.push(`prefix '${c.prefix}' must be 2-12 lowercase letters/digits starting with a letter (storage account names)`);
  }
  if (c.functionPlan !== "FlexConsumption" && c.functionPlan !== "ElasticPremium") {
    problems.push(`functionPlan '${c.functionPlan}' must be FlexConsumption or ElasticPremium`);
  }
  if (!isPort(c.rtpPortMin) || !isPort(c.rtpPortMax)) {
    problems.push(`RTP range ${c.rtpPortMin}-${c.rtpPortMax} must be whole port numbers 1-65535`);
  } else {
    if (c.rtpPortMin > c.rtpPortMax) {
      problems.push(`rtpPortMin ${c.rtpPortMin} is greater than rtpPortMax ${c.rtpPortMax}`);
    }
    if (c.rtpPortMin < 1024) {
      problems.push(`rtpPortMin ${c.rtpPortMin} is a privileged port; the media node runs as a non-root user`);
    }
    for (const [name, port] of [["SIP", sipUdpPort], ["SIP over TLS", sipTlsPort], ["node HTTP", nodeHttpPort]] as const) {
      if (inRange(port, c.rtpPortMin, c.rtpPortMax)) {
        problems.push(`RTP range ${c.rtpPortMin}-${c.rtpPortMax} overlaps the ${name} port ${port}`);
      }
    }
    if (c.rtpPortMin <= kubernetesNodePorts.max && c.rtpPortMax >= kubernetesNodePorts.min) {
      problems.push(
        `RTP range ${c.rtpPortMin}-${c.rtpPortMax} overlaps the Kubernetes NodePort range ` +
          `${kubernetesNodePorts.min}-${kubernetesNodePorts.max} (kube-proxy intercepts those on the node)`,
      );
    }
    if (c.rtpPortMin <= linuxEphemeralPorts.max && c.rtpPortMax >= linuxEphemeralPorts.min) {
      problems.push(
        `RTP range ${c.rtpPortMin}-${c.rtpPortMax} overlaps the Linux ephemeral ports ` +
          `${linuxEphemeralPorts.min}-${linuxEphemeralPorts.max} (host networking shares them with outgoing connections)`,
      );
    }
  }
  if (!Number.isInteger(c.mediaNodeCount) || c.mediaNodeCount < 1) {
    problems.push(`mediaNodeCount ${c.mediaNodeCount} must be at least 1`);
  }
  if (!Number.isInteger(c.mediaNodeMaxCount) || c.mediaNodeMaxCount < c.mediaNodeCount) {
    problems.push(`mediaNodeMaxCount ${c.mediaNodeMaxCount} must be at least mediaNodeCount ${c.mediaNodeCount}`);
  }
  if (c.mediaNodeMaxCount > maxMediaNodes) {
    problems.push(`mediaNodeMaxCount ${c.mediaNodeMaxCount} exceeds ${maxMediaNodes} (one /28 public IP prefix)`);
  }
  if (!Number.isInteger(c.connectyCubeApplicationId) || c.connectyCubeApplicationId <= 0) {
    problems.push(`connectyCubeApplicationId ${c.connectyCubeApplicationId} must be a positive integer`);
  }
  if (!Number.isInteger(c.drainSeconds) || c.drainSeconds < 30 || c.drainSeconds > 3600) {
    problems.push(`drainSeconds ${c.drainSeconds} must be between 30 and 3600`);
  }
  if (!/^\d{1,3}(\.\d{1,3}){3}\/(8|9|1[0-6])$/.test(c.vnetAddressSpace)) {
    problems.push(`vnetAddressSpace '${c.vnetAddressSpace}' must be an IPv4 CIDR of /16 or larger`);
  }
  if (c.functionMaximumInstances < 1 || c.functionMaximumInstances > 1000) {
    problems.push(`functionMaximumInstances ${c.functionMaximumInstances} must be 1-1000`);
  }
  if (c.activeCallsAlertThreshold < 1) problems.push("activeCallsAlertThreshold must be positive");
  if (c.sipLatencyAlertMs < 1) problems.push("sipLatencyAlertMs must be positive");
  if (c.registrationFailureAlertThreshold < 1) problems.push("registrationFailureAlertThreshold must be positive");
  return problems;
}
