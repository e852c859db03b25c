import * as pulumi from "@pulumi/pulumi";
import * as servicebus from "@pulumi/azure-native/servicebus";
import { DeploymentContext } from "./context";

export const cdrQueueName = "cdr";
export const controlTopicName = "control";

export interface Bus {
  namespace: servicebus.Namespace;
  fullyQualifiedNamespace: pulumi.Output<string>;
  cdrQueue: servicebus.Queue;
  controlTopic: servicebus.Topic;
}

/**
 * Service Bus (Standard: topics need it) with SAS keys disabled. Media nodes send CDRs to the queue `cdr`
 * with a MessageId per call, so duplicate detection turns an outbox resend into a no-op; the control plane
 * publishes mapping changes / drain / force-logout on the topic `control`, where each node creates its own
 * auto-deleting subscription.
 */
export function createServiceBus(ctx: DeploymentContext): Bus {
  const namespace = new servicebus.Namespace(`${ctx.config.prefix}-sb`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    sku: { name: servicebus.SkuName.Standard, tier: servicebus.SkuTier.Standard },
    disableLocalAuth: true,
    minimumTlsVersion: servicebus.TlsVersion.TlsVersion_1_2,
    tags: ctx.tags,
  });
  const cdrQueue = new servicebus.Queue("cdr", {
    resourceGroupName: ctx.resourceGroup.name,
    namespaceName: namespace.name,
    queueName: cdrQueueName,
    requiresDuplicateDetection: true,
    duplicateDetectionHistoryTimeWindow: "PT1H",
    lockDuration: "PT1M",
    maxDeliveryCount: 10,
    deadLetteringOnMessageExpiration: true,
    defaultMessageTimeToLive: "P14D",
  });
  const controlTopic = new servicebus.Topic("control", {
    resourceGroupName: ctx.resourceGroup.name,
    namespaceName: namespace.name,
    topicName: controlTopicName,
    requiresDuplicateDetection: true,
    duplicateDetectionHistoryTimeWindow: "PT10M",
    defaultMessageTimeToLive: "PT1H",
  });
  return {
    namespace,
    fullyQualifiedNamespace: pulumi.interpolate`${namespace.name}.servicebus.windows.net`,
    cdrQueue,
    controlTopic,
  };
}
