import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { BuiltInRoles } from "../src/roles";
import type { SipCubeOutputs } from "../src/program";
import { Recorded, baseConfig, named, ofType, out, settle, testAuthKey, testCredentialKey, testIpPrefix, useMocks } from "./harness";

let recorded: Recorded[];
let outputs: SipCubeOutputs;

before(async () => {
  recorded = await useMocks({ ...baseConfig, rtpPortMin: "16000", rtpPortMax: "17999" }, ["connectyCubeAuthKey"]);
  const { createSipCube } = await import("../src/program");
  const { loadConfig } = await import("../src/config");
  outputs = createSipCube(loadConfig());
  await out(outputs.sipEndpoints);
  await settle(recorded);
});

type Rule = Record<string, string | number>;
const inboundAllows = (nsg: Recorded) =>
  (nsg.inputs.securityRules as Rule[]).filter((r) => r.direction === "Inbound" && r.access === "Allow");
const ruleText = (r: Rule) => `${String(r.protocol).toLowerCase()}/${r.destinationPortRange}`;

test("the media NSG opens exactly SIP 5060/udp, 5060/tcp, 5061/tcp and the configured RTP range/udp", () => {
  const nsg = named(recorded, "azure-native:network:NetworkSecurityGroup", "sipcube-media-nsg");
  const rules = inboundAllows(nsg);
  assert.deepEqual(rules.map(ruleText).sort(), ["tcp/5060", "tcp/5061", "udp/16000-17999", "udp/5060"]);
  assert.equal(new Set(rules.map((r) => r.priority)).size, rules.length, "unique priorities");
  for (const r of rules) assert.equal(r.sourceAddressPrefix, "Internet");
});

test("no other NSG admits anything, and only the media subnet carries the media NSG", () => {
  for (const nsg of ofType(recorded, "azure-native:network:NetworkSecurityGroup")) {
    if (nsg.name === "sipcube-media-nsg") continue;
    assert.deepEqual(inboundAllows(nsg), [], `${nsg.name} must not open ports`);
  }
  const subnets = ofType(recorded, "azure-native:network:Subnet");
  assert.deepEqual(subnets.map((s) => s.inputs.subnetName).sort(), ["media", "system"]);
  assert.match(named(recorded, "azure-native:network:Subnet", "media").inputs.networkSecurityGroup.id, /sipcube-media-nsg$/);
  assert.match(named(recorded, "azure-native:network:Subnet", "system").inputs.networkSecurityGroup.id, /sipcube-system-nsg$/);
});

test("only the media pool has public IPs per node, from the prefix, with the same ports as allowed host ports", () => {
  const [cluster] = ofType(recorded, "azure-native:containerservice:ManagedCluster");
  for (const p of cluster.inputs.agentPoolProfiles) assert.equal(p.enableNodePublicIP, false, `${p.name} must stay private`);
  const pool = named(recorded, "azure-native:containerservice:AgentPool", "media");
  assert.equal(pool.inputs.enableNodePublicIP, true);
  assert.match(pool.inputs.nodePublicIPPrefixID, /PublicIPPrefix\/sipcube-media-ips$/);
  assert.match(pool.inputs.vnetSubnetID, /Subnet\/media$/);
  assert.equal(pool.inputs.mode, "User");
  assert.deepEqual(
    pool.inputs.networkProfile.allowedHostPorts.map((p: Rule) => `${String(p.protocol).toLowerCase()}/${p.portStart}-${p.portEnd}`).sort(),
    ["tcp/5060-5060", "tcp/5061-5061", "udp/16000-17999", "udp/5060-5060"],
  );
  assert.deepEqual(pool.inputs.nodeLabels, { "sipcube.io/role": "media" });
  assert.deepEqual(pool.inputs.nodeTaints, ["sipcube.io/media=true:NoSchedule"]);
  assert.equal(pool.inputs.enableAutoScaling, true);
  assert.deepEqual([pool.inputs.minCount, pool.inputs.maxCount], [2, 4]);
  const [prefix] = ofType(recorded, "azure-native:network:PublicIPPrefix");
  assert.equal(prefix.inputs.prefixLength, 29, "4 nodes + 1 surge need 8 addresses");
});

test("the cluster's identity may join the VNet and the prefix before the cluster is created", () => {
  const [cluster] = ofType(recorded, "azure-native:containerservice:ManagedCluster");
  assert.equal(cluster.inputs.identity.type, "UserAssigned");
  const joins = ofType(recorded, "azure-native:authorization:RoleAssignment").filter(
    (r) => r.inputs.principalId === "principal-sipcube-aks-identity",
  );
  assert.deepEqual(joins.map((r) => String(r.inputs.scope).split("/").slice(-2)[0]).sort(), [
    "azure-native:network:PublicIPPrefix",
    "azure-native:network:VirtualNetwork",
  ]);
  for (const r of joins) assert.ok(r.inputs.roleDefinitionId.endsWith(BuiltInRoles.networkContributor));
  assert.equal(cluster.inputs.addonProfiles.azureKeyvaultSecretsProvider.enabled, true);
});

test("media nodes get scoped data roles through the kubelet identity; the CSI add-on may read secrets", () => {
  const roles = ofType(recorded, "azure-native:authorization:RoleAssignment");
  const grants = (principal: string) =>
    roles
      .filter((r) => r.inputs.principalId === principal)
      .map((r) => `${Object.entries(BuiltInRoles).find(([, g]) => r.inputs.roleDefinitionId.endsWith(g))?.[0]}@${String(r.inputs.scope).split("/").pop()}`)
      .sort();
  assert.deepEqual(grants("kubelet-object"), [
    "acrPull@sipcubeacr",
    "monitoringMetricsPublisher@sipcube-ai",
    "serviceBusDataReceiver@control",
    "serviceBusDataSender@cdr",
    "storageTableDataContributor@sipcubest",
  ]);
  assert.deepEqual(grants("kv-addon-object"), ["keyVaultSecretsUser@sipcube-kv"]);
});

test("every address in the prefix has its own control subscription, and nodes cannot manage entities", () => {
  const subs = ofType(recorded, "azure-native:servicebus:Subscription");
  assert.deepEqual(
    subs.map((s) => s.inputs.subscriptionName),
    ["node-0", "node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7"],
  );
  for (const s of subs) {
    assert.equal(s.inputs.topicName, "control");
    assert.equal(s.inputs.defaultMessageTimeToLive, "PT10M");
  }
});

test("the media node DaemonSet uses host networking on the media pool with a drain-length grace period", () => {
  const ds = named(recorded, "kubernetes:apps/v1:DaemonSet", "media-node");
  const pod = ds.inputs.spec.template.spec;
  assert.equal(pod.hostNetwork, true);
  assert.equal(pod.dnsPolicy, "ClusterFirstWithHostNet");
  assert.deepEqual(pod.nodeSelector, { "sipcube.io/role": "media" });
  assert.deepEqual(pod.tolerations, [{ key: "sipcube.io/media", operator: "Equal", value: "true", effect: "NoSchedule" }]);
  assert.equal(pod.terminationGracePeriodSeconds, 300);
  const [container] = pod.containers;
  assert.equal(container.securityContext.runAsNonRoot, true);
  assert.equal(pod.securityContext.runAsUser, 1654);
  // The CDR outbox survives pod restarts: the data folder is on the host, owned by the app user.
  const data = pod.volumes.find((v: { name: string }) => v.name === "data");
  assert.deepEqual(data.hostPath, { path: "/var/lib/sipcube", type: "DirectoryOrCreate" });
  const [init] = pod.initContainers;
  assert.deepEqual(init.command, ["chown", "1654:1654", "/var/lib/sipcube"]);
  assert.deepEqual(init.securityContext.capabilities, { drop: ["ALL"], add: ["CHOWN"] });
  assert.equal(container.image, "sipcubeacr.azurecr.io/sipcube-media-node:latest");
  assert.deepEqual(
    container.ports.map((p: Rule) => `${p.protocol}/${p.hostPort}`),
    ["UDP/5060", "TCP/5060", "TCP/5061"],
  );
  assert.equal(container.securityContext.allowPrivilegeEscalation, false);
  assert.equal(container.livenessProbe.httpGet.path, "/health/live");
  assert.equal(container.readinessProbe.httpGet.path, "/health/ready");
  assert.equal(container.readinessProbe.httpGet.host, "127.0.0.1");
});

test("the DaemonSet's environment carries the RTP range, identity-based endpoints and secrets only by reference", () => {
  const ds = named(recorded, "kubernetes:apps/v1:DaemonSet", "media-node");
  const env = ds.inputs.spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: any }[];
  const value = (name: string) => env.find((e) => e.name === name)?.value;
  assert.equal(value("SipCube__Rtp__PortMin"), "16000");
  assert.equal(value("SipCube__Rtp__PortMax"), "17999");
  assert.equal(value("SipCube__ConnectyCube__ApplicationId"), "8123");
  assert.equal(value("SIPCUBE_PUBLIC_IP_SOURCE"), "azure-imds");
  assert.equal(value("SIPCUBE_PUBLIC_IP_PREFIX"), testIpPrefix(29));
  assert.equal(value("AZURE_CLIENT_ID"), "kubelet-client");
  assert.match(value("SipCube__Bus__ServiceBus__FullyQualifiedNamespace") ?? "", /\.servicebus\.windows\.net$/);
  const authKey = env.find((e) => e.name === "SipCube__ConnectyCube__AuthKey");
  assert.deepEqual(authKey?.valueFrom, { secretKeyRef: { name: "sipcube-node-secrets", key: "connectycube-auth-key" } });
  const credentialKey = env.find((e) => e.name === "SipCube__Secrets__CredentialKey");
  assert.deepEqual(credentialKey?.valueFrom, { secretKeyRef: { name: "sipcube-node-secrets", key: "credential-key" } });
  for (const e of env) {
    assert.ok(!JSON.stringify(e).includes(testAuthKey), `${e.name} leaks the auth key`);
    assert.ok(!JSON.stringify(e).includes(testCredentialKey), `${e.name} leaks the credential key`);
  }
  assert.ok(Number(value("DOTNET_SHUTDOWNTIMEOUTSECONDS")) < 300);
});

test("Key Vault secrets reach the pods through the CSI driver's SecretProviderClass", () => {
  const spc = named(recorded, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "node-secrets");
  assert.equal(spc.inputs.spec.provider, "azure");
  assert.equal(spc.inputs.spec.parameters.userAssignedIdentityID, "kv-addon-client");
  const objects = JSON.parse(spc.inputs.spec.parameters.objects).array.map((o: string) => JSON.parse(o).objectName);
  assert.deepEqual(objects.sort(), ["appinsights-connection-string", "connectycube-auth-key", "credential-key"]);
  const synced = spc.inputs.spec.secretObjects[0];
  assert.equal(synced.secretName, "sipcube-node-secrets");
  assert.deepEqual(synced.data.map((d: Rule) => d.key).sort(), ["appinsights-connection-string", "connectycube-auth-key", "credential-key"]);
});

test("alerts cover CPU > 80 %, memory > 85 %, active calls, SIP latency > 500 ms, registrations and chat", () => {
  const metricAlerts = ofType(recorded, "azure-native:monitor:MetricAlert");
  const criterion = (name: string) => named(recorded, "azure-native:monitor:MetricAlert", name).inputs.criteria.allOf[0];
  assert.equal(metricAlerts.length, 2);
  assert.deepEqual([criterion("alert-node-cpu").metricName, criterion("alert-node-cpu").threshold], ["node_cpu_usage_percentage", 80]);
  assert.deepEqual(
    [criterion("alert-node-memory").metricName, criterion("alert-node-memory").threshold],
    ["node_memory_working_set_percentage", 85],
  );
  for (const a of metricAlerts) {
    assert.match(a.inputs.scopes[0], /ManagedCluster\/sipcube-aks$/);
    assert.equal(criterion(a.name).operator, "GreaterThan");
  }
  const logAlert = (name: string) => named(recorded, "azure-native:monitor:ScheduledQueryRule", `alert-${name}`).inputs;
  const cond = (name: string) => logAlert(name).criteria.allOf[0];
  assert.equal(cond("active-calls").threshold, 200);
  assert.match(cond("active-calls").query, /"sipcube\.calls\.active"/);
  assert.equal(cond("sip-latency").threshold, 500);
  assert.match(cond("sip-latency").query, /"sipcube\.sip\.response\.duration"/);
  assert.equal(cond("registration-failures").threshold, 20);
  assert.match(cond("registration-failures").query, /"sipcube\.sip\.auth\.failures"/);
  assert.match(cond("registration-failures").query, /"sipcube\.sip\.registrar\.requests"/);
  assert.equal(cond("registration-failures").timeAggregation, "Total");
  assert.equal(cond("chat-disconnected").timeAggregation, "Minimum");
  for (const name of ["active-calls", "sip-latency", "registration-failures", "chat-disconnected"]) {
    assert.match(logAlert(name).scopes[0], /applicationinsights:Component\/sipcube-ai$/);
    assert.equal(logAlert(name).actions.actionGroups.length, 1);
  }
  const [group] = ofType(recorded, "azure-native:monitor:ActionGroup");
  assert.deepEqual(group.inputs.emailReceivers.map((r: Rule) => r.emailAddress), ["ops@example.com"]);
});

test("outputs name the SIP endpoints inside the node public IP prefix", async () => {
  assert.equal(await out(outputs.sipPublicIpPrefix), testIpPrefix(29));
  const endpoints = await out(outputs.sipEndpoints);
  assert.equal(endpoints.length, 8);
  assert.equal(endpoints[0], "sip:203.0.113.8:5060");
  assert.deepEqual(await out(outputs.sipEndpointAddresses), endpoints.map((e) => e.slice(4, -5)));
  assert.equal(outputs.sipTlsPort, 5061);
  assert.deepEqual(outputs.alertNames, ["node-cpu", "node-memory", "active-calls", "sip-latency", "registration-failures", "chat-disconnected"]);
});
