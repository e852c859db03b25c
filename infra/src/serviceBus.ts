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
 * publishes mapping changes / drain / force-logout on the topic `control`, which every node reads through its
 * own subscription (see {@link createNodeSubscriptions}).
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

/** Subscription name for the media node holding the `index`-th address of the public IP prefix. */
export const nodeSubscriptionName = (index: number) => `node-${index}`;

/**
 * One `control` subscription per address in the media nodes' public IP prefix. A node's id is its address's
 * index in the prefix (the container entrypoint derives it), so the set of possible node ids is known here
 * and nodes need no right to manage entities. Messages expire after 10 minutes, so a node that takes over an
 * address from a removed one does not replay a backlog meant for its predecessor.
 */
export function createNodeSubscriptions(ctx: DeploymentContext, bus: Bus, count: number): servicebus.Subscription[] {
  return Array.from({ length: count }, (_, i) =>
    new servicebus.Subscription(`control-${nodeSubscriptionName(i)}`, {
      resourceGroupName: ctx.resourceGroup.name,
      namespaceName: bus.namespace.name,
      topicName: bus.controlTopic.name,
      subscriptionName: nodeSubscriptionName(i),
      defaultMessageTimeToLive: "PT10M",
      lockDuration: "PT1M",
      maxDeliveryCount: 10,
      deadLetteringOnMessageExpiration: false,
    }),
  );
}
