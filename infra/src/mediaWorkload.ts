import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as k8s from "@pulumi/kubernetes";
import { MediaCluster, mediaNodeLabel, mediaNodeTaint } from "./aks";
import { nodeHttpPort, sipTlsPort } from "./config";
import { DeploymentContext } from "./context";
import { SecretNames, Vault } from "./keyVault";
import { mediaPorts } from "./ports";
import { MediaNetwork } from "./network";
import { Bus } from "./serviceBus";
import { ControlPlaneStorage } from "./storage";

export const mediaNamespace = "sipcube";
export const mediaImageRepository = "sipcube-media-node";
/** Kubernetes Secret the CSI driver keeps in sync with Key Vault (env vars need a Secret, not just files). */
export const syncedSecretName = "sipcube-node-secrets";
const secretsMountPath = "/mnt/secrets";
const tlsFileName = "node-tls.pfx";
/** The image's non-root user (the .NET images' `app`, uid 1654). */
const appUid = 1654;
/**
 * The node's data folder (SQLite CDR outbox, caches) lives on the host, so CDRs not yet accepted by Service Bus
 * survive pod restarts and image rollouts on the same node.
 */
const hostDataPath = "/var/lib/sipcube";

export interface MediaWorkload {
  provider: k8s.Provider;
  daemonSet: k8s.apps.v1.DaemonSet;
  image: pulumi.Output<string>;
}

/**
 * The media node as a DaemonSet on the media pool: one pod per node, host networking so SIP and RTP bind the
 * node's own interfaces, secrets mounted from Key Vault by the CSI driver, and a termination grace period
 * long enough to drain live calls after SIGTERM (scale-in and upgrades cordon and evict the node first).
 */
export function deployMediaNodes(
  ctx: DeploymentContext,
  aks: MediaCluster,
  kv: Vault,
  bus: Bus,
  st: ControlPlaneStorage,
  net: MediaNetwork,
): MediaWorkload {
  const c = ctx.config;
  const creds = containerservice.listManagedClusterAdminCredentialsOutput({
    resourceGroupName: ctx.resourceGroup.name,
    resourceName: aks.cluster.name,
  });
  const kubeconfig = pulumi.secret(
    creds.kubeconfigs.apply((k) => Buffer.from(k?.[0]?.value ?? "", "base64").toString("utf8")),
  );
  const provider = new k8s.Provider("media-aks", { kubeconfig, enableServerSideApply: true });
  const opts = { provider, dependsOn: [aks.mediaPool] };

  const namespace = new k8s.core.v1.Namespace("sipcube", { metadata: { name: mediaNamespace } }, opts);

  const hasTls = kv.storedSecrets.includes(SecretNames.nodeTlsCertificate);
  const hasAuthSecret = kv.storedSecrets.includes(SecretNames.connectyCubeAuthSecret);
  const envSecrets = [
    { key: "connectycube-auth-key", secret: SecretNames.connectyCubeAuthKey, env: "SipCube__ConnectyCube__AuthKey" },
    {
      key: "appinsights-connection-string",
      secret: SecretNames.appInsightsConnectionString,
      env: "APPLICATIONINSIGHTS_CONNECTION_STRING",
    },
    { key: "credential-key", secret: SecretNames.credentialKey, env: "SipCube__Secrets__CredentialKey" },
    ...(hasAuthSecret
      ? [{ key: "connectycube-auth-secret", secret: SecretNames.connectyCubeAuthSecret, env: "SipCube__ConnectyCube__AuthSecret" }]
      : []),
  ];
  const vaultObjects = [
    ...envSecrets.map((s) => ({ objectName: s.secret, objectType: "secret", objectAlias: s.key })),
    ...(hasTls
      ? [{ objectName: SecretNames.nodeTlsCertificate, objectType: "secret", objectAlias: tlsFileName, objectEncoding: "base64" }]
      : []),
  ];
  const secretProviderClass = new k8s.apiextensions.CustomResource(
    "node-secrets",
    {
      apiVersion: "secrets-store.csi.x-k8s.io/v1",
      kind: "SecretProviderClass",
      metadata: { name: "sipcube-node-secrets", namespace: namespace.metadata.name },
      spec: {
        provider: "azure",
        parameters: {
          usePodIdentity: "false",
          useVMManagedIdentity: "true",
          userAssignedIdentityID: aks.keyVaultAddonIdentity.clientId,
          keyvaultName: kv.vault.name,
          tenantId: kv.tenantId,
          objects: pulumi.output(vaultObjects).apply((o) => JSON.stringify({ array: o.map((x) => JSON.stringify(x)) })),
        },
        secretObjects: [
          {
            secretName: syncedSecretName,
            type: "Opaque",
            data: envSecrets.map((s) => ({ objectName: s.key, key: s.key })),
          },
        ],
      },
    },
    { ...opts, dependsOn: [aks.mediaPool, ...kv.secrets] },
  );

  const image = pulumi.interpolate`${aks.registry.loginServer}/${mediaImageRepository}:${c.mediaNodeImageTag}`;
  const plainEnv: k8s.types.input.core.v1.EnvVar[] = [
    // The entrypoint asks the instance metadata service for the node's public IP, picks the one in the prefix and
    // derives the node id (SipCube:Bus:ServiceBus:NodeId = node-<index in prefix>, its `control` subscription).
    { name: "SIPCUBE_PUBLIC_IP_SOURCE", value: "azure-imds" },
    { name: "SIPCUBE_PUBLIC_IP_PREFIX", value: net.publicIpPrefix.ipPrefix.apply((p) => p ?? "") },
    { name: "SipCube__NodeName", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
    { name: "SipCube__DataDirectory", value: hostDataPath },
    { name: "SipCube__Rtp__PortMin", value: `${c.rtpPortMin}` },
    { name: "SipCube__Rtp__PortMax", value: `${c.rtpPortMax}` },
    { name: "SipCube__ConnectyCube__ApplicationId", value: `${c.connectyCubeApplicationId}` },
    { name: "SipCube__Bus__ServiceBus__FullyQualifiedNamespace", value: bus.fullyQualifiedNamespace },
    { name: "SipCube__Tables__ServiceUri", value: st.tableEndpoint },
    // DefaultAzureCredential picks the node pool's managed identity by this client id (IMDS over host networking).
    { name: "AZURE_CLIENT_ID", value: aks.kubelet.clientId },
    // Host shutdown waits this long for the drain, leaving Kubernetes' grace period a margin to spare.
    { name: "DOTNET_SHUTDOWNTIMEOUTSECONDS", value: `${c.drainSeconds - 10}` },
    ...(hasTls
      ? [
          { name: "SipCube__Sip__TlsPort", value: `${sipTlsPort}` },
          { name: "SipCube__Sip__CertificatePath", value: `${secretsMountPath}/${tlsFileName}` },
        ]
      : []),
  ];
  const secretEnv = envSecrets.map((s) => ({
    name: s.env,
    valueFrom: { secretKeyRef: { name: syncedSecretName, key: s.key } },
  }));
  const probe = (path: string, periodSeconds: number) => ({
    // The node's HTTP port listens on loopback only; with host networking the kubelet shares that loopback.
    httpGet: { host: "127.0.0.1", port: nodeHttpPort, path },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold: 3,
  });

  const daemonSet = new k8s.apps.v1.DaemonSet(
    "media-node",
    {
      metadata: {
        name: "media-node",
        namespace: namespace.metadata.name,
        labels: { app: "sipcube-media-node" },
        // The first `pulumi up` runs before deploy.yml has pushed the image: do not block on the rollout.
        annotations: { "pulumi.com/skipAwait": "true" },
      },
      spec: {
        selector: { matchLabels: { app: "sipcube-media-node" } },
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { app: "sipcube-media-node" } },
          spec: {
            hostNetwork: true,
            dnsPolicy: "ClusterFirstWithHostNet",
            nodeSelector: { [mediaNodeLabel.key]: mediaNodeLabel.value },
            tolerations: [
              { key: mediaNodeTaint.key, operator: "Equal", value: mediaNodeTaint.value, effect: mediaNodeTaint.effect },
            ],
            terminationGracePeriodSeconds: c.drainSeconds,
            securityContext: { runAsUser: appUid, runAsGroup: appUid, fsGroup: appUid },
            // hostPath volumes ignore fsGroup: hand the data folder to the app user once, with only CHOWN.
            initContainers: [
              {
                name: "data-owner",
                image,
                command: ["chown", `${appUid}:${appUid}`, hostDataPath],
                securityContext: {
                  runAsUser: 0,
                  runAsNonRoot: false,
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["CHOWN"] },
                },
                volumeMounts: [{ name: "data", mountPath: hostDataPath }],
              },
            ],
            containers: [
              {
                name: "media-node",
                image,
                ports: mediaPorts(c)
                  .filter((p) => p.from === p.to)
                  .map((p) => ({ name: p.name, containerPort: p.from, hostPort: p.from, protocol: p.protocol.toUpperCase() })),
                env: [...plainEnv, ...secretEnv],
                livenessProbe: probe("/health/live", 10),
                readinessProbe: probe("/health/ready", 5),
                startupProbe: { ...probe("/health/live", 2), failureThreshold: 60 },
                resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "3Gi" } },
                securityContext: {
                  runAsNonRoot: true,
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                },
                volumeMounts: [
                  { name: "secrets", mountPath: secretsMountPath, readOnly: true },
                  { name: "data", mountPath: hostDataPath },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
            ],
            volumes: [
              {
                name: "secrets",
                csi: {
                  driver: "secrets-store.csi.k8s.io",
                  readOnly: true,
                  volumeAttributes: { secretProviderClass: secretProviderClass.metadata.name },
                },
              },
              { name: "data", hostPath: { path: hostDataPath, type: "DirectoryOrCreate" } },
              { name: "tmp", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
            ],
          },
        },
      },
    },
    { ...opts, dependsOn: [aks.mediaPool, secretProviderClass] },
  );
  return { provider, daemonSet, image };
}
