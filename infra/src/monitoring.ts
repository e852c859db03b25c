import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { DeploymentContext } from "./context";

export interface Monitoring {
  workspace: operationalinsights.Workspace;
  appInsights: applicationinsights.Component;
}

/** Log Analytics workspace and a workspace-based Application Insights shared by functions and media nodes. */
export function createMonitoring(ctx: DeploymentContext): Monitoring {
  const workspace = new operationalinsights.Workspace(`${ctx.config.prefix}-logs`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    sku: { name: operationalinsights.WorkspaceSkuNameEnum.PerGB2018 },
    retentionInDays: 30,
    tags: ctx.tags,
  });
  const appInsights = new applicationinsights.Component(`${ctx.config.prefix}-ai`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    kind: "web",
    applicationType: applicationinsights.ApplicationType.Web,
    workspaceResourceId: workspace.id,
    ingestionMode: applicationinsights.IngestionMode.LogAnalytics,
    tags: ctx.tags,
  });
  return { workspace, appInsights };
}
