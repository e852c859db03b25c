import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import { MediaCluster } from "./aks";
import { DeploymentContext } from "./context";
import { Monitoring } from "./monitoring";

/**
 * Metric names the media node exports (System.Diagnostics.Metrics -> Azure Monitor exporter -> App Insights
 * customMetrics). The alert queries below depend on these exact names.
 */
export const NodeMetricNames = {
  /** SipCube.Calls: UpDownCounter of calls not yet ended (exported as the current total). */
  activeCalls: "sipcube.calls.active",
  /** SipCube.Sip: histogram of the time from a request to its final response, in milliseconds (tags method, status_class). */
  sipResponseDurationMs: "sipcube.sip.response.duration",
  /** SipCube.Sip: digest failures by `reason` (the normal first challenge is not counted). */
  authFailures: "sipcube.sip.auth.failures",
  /** SipCube.Sip: REGISTER outcomes by `status`. */
  registrarRequests: "sipcube.sip.registrar.requests",
  /** ConnectyCube chat sessions that should be connected but are not (reconnecting); a gauge (to be added). */
  chatDisconnected: "sipcube.connectycube.chat.disconnected",
} as const;

/** What each alert watches, with its threshold; tests and the README read this list. */
export interface AlertDefinition {
  name: string;
  description: string;
  threshold: number;
}

export interface Alerts {
  actionGroup: monitor.ActionGroup;
  definitions: AlertDefinition[];
}

/** One log alert over App Insights customMetrics, per media node (cloud_RoleInstance). */
function customMetricAlert(
  ctx: DeploymentContext,
  m: Monitoring,
  actionGroupId: pulumi.Input<string>,
  a: AlertDefinition & { query: string; column: string; aggregation: monitor.TimeAggregation; window: string; severity: number },
): monitor.ScheduledQueryRule {
  return new monitor.ScheduledQueryRule(`alert-${a.name}`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    kind: monitor.Kind.LogAlert,
    description: a.description,
    severity: a.severity,
    enabled: true,
    scopes: [m.appInsights.id],
    evaluationFrequency: "PT5M",
    windowSize: a.window,
    criteria: {
      allOf: [
        {
          query: a.query,
          timeAggregation: a.aggregation,
          metricMeasureColumn: a.column,
          operator: monitor.ConditionOperator.GreaterThan,
          threshold: a.threshold,
          dimensions: [{ name: "cloud_RoleInstance", operator: monitor.DimensionOperator.Include, values: ["*"] }],
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
        },
      ],
    },
    autoMitigate: true,
    actions: { actionGroups: [actionGroupId] },
    tags: ctx.tags,
  });
}

/** A platform metric alert on the AKS cluster (node CPU / memory, per node). */
function clusterMetricAlert(
  ctx: DeploymentContext,
  aks: MediaCluster,
  actionGroupId: pulumi.Input<string>,
  a: AlertDefinition & { metric: string },
): monitor.MetricAlert {
  return new monitor.MetricAlert(`alert-${a.name}`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: "global",
    description: a.description,
    severity: 2,
    enabled: true,
    scopes: [aks.cluster.id],
    evaluationFrequency: "PT1M",
    windowSize: "PT5M",
    criteria: {
      odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
      allOf: [
        {
          criterionType: "StaticThresholdCriterion",
          name: a.name,
          metricNamespace: "Microsoft.ContainerService/managedClusters",
          metricName: a.metric,
          operator: monitor.Operator.GreaterThan,
          threshold: a.threshold,
          timeAggregation: monitor.AggregationTypeEnum.Average,
          dimensions: [{ name: "node", operator: "Include", values: ["*"] }],
        },
      ],
    },
    autoMitigate: true,
    actions: [{ actionGroupId }],
    tags: ctx.tags,
  });
}

/** The design's alerts: node CPU > 80 %, memory > 85 %, calls over the limit, SIP latency, registrations, chat. */
export function createAlerts(ctx: DeploymentContext, m: Monitoring, aks: MediaCluster): Alerts {
  const c = ctx.config;
  const actionGroup = new monitor.ActionGroup(`${c.prefix}-oncall`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: "global",
    groupShortName: "sipcube",
    enabled: true,
    emailReceivers: c.alertEmail ? [{ name: "operator", emailAddress: c.alertEmail, useCommonAlertSchema: true }] : [],
    tags: ctx.tags,
  });
  const ag = actionGroup.id;
  const n = NodeMetricNames;
  const definitions: AlertDefinition[] = [];
  const track = (d: AlertDefinition) => definitions.push({ name: d.name, description: d.description, threshold: d.threshold });

  const cpu = { name: "node-cpu", description: "Node CPU above 80 %", threshold: 80, metric: "node_cpu_usage_percentage" };
  const mem = {
    name: "node-memory",
    description: "Node memory working set above 85 %",
    threshold: 85,
    metric: "node_memory_working_set_percentage",
  };
  for (const a of [cpu, mem]) {
    clusterMetricAlert(ctx, aks, ag, a);
    track(a);
  }

  const logAlerts = [
    {
      name: "active-calls",
      description: `Active calls on a node above ${c.activeCallsAlertThreshold}`,
      threshold: c.activeCallsAlertThreshold,
      query: `customMetrics | where name == "${n.activeCalls}" | project timestamp, cloud_RoleInstance, ActiveCalls = todouble(value)`,
      column: "ActiveCalls",
      aggregation: monitor.TimeAggregation.Maximum,
      window: "PT5M",
      severity: 2,
    },
    {
      name: "sip-latency",
      description: `Mean SIP response time above ${c.sipLatencyAlertMs} ms`,
      threshold: c.sipLatencyAlertMs,
      query:
        `customMetrics | where name == "${n.sipResponseDurationMs}" and valueCount > 0 ` +
        `| project timestamp, cloud_RoleInstance, LatencyMs = valueSum / valueCount`,
      column: "LatencyMs",
      aggregation: monitor.TimeAggregation.Average,
      window: "PT5M",
      severity: 2,
    },
    {
      name: "registration-failures",
      description: `More than ${c.registrationFailureAlertThreshold} failed SIP registrations in 5 minutes`,
      threshold: c.registrationFailureAlertThreshold,
      // Failed digests (a stale nonce is routine) plus REGISTERs refused for other reasons (404, 423, 5xx);
      // 403 is left out because a user mismatch is already a digest failure.
      query:
        `customMetrics | where (name == "${n.authFailures}" and tostring(customDimensions["reason"]) != "Stale") ` +
        `or (name == "${n.registrarRequests}" and toint(customDimensions["status"]) >= 404) ` +
        `| project timestamp, cloud_RoleInstance, Failures = valueSum`,
      column: "Failures",
      aggregation: monitor.TimeAggregation.Total,
      window: "PT5M",
      severity: 3,
    },
    {
      // Minimum over 10 minutes: only a disconnection that outlasts the client's reconnects alerts.
      name: "chat-disconnected",
      description: "ConnectyCube chat disconnected on a node for 10 minutes",
      threshold: 0,
      query: `customMetrics | where name == "${n.chatDisconnected}" | project timestamp, cloud_RoleInstance, Disconnected = todouble(value)`,
      column: "Disconnected",
      aggregation: monitor.TimeAggregation.Minimum,
      window: "PT10M",
      severity: 1,
    },
  ];
  for (const a of logAlerts) {
    customMetricAlert(ctx, m, ag, a);
    track(a);
  }
  return { actionGroup, definitions };
}
