import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { StackConfig } from "./config";

/** What every part of the program needs: the configuration, the resource group and common tags. */
export interface DeploymentContext {
  config: StackConfig;
  resourceGroup: resources.ResourceGroup;
  location: string;
  tags: Record<string, string>;
}

export function createContext(config: StackConfig): DeploymentContext {
  const tags = { app: "sipcube", stack: pulumi.getStack() };
  const resourceGroup = new resources.ResourceGroup(`${config.prefix}-rg`, { location: config.location, tags });
  return { config, resourceGroup, location: config.location, tags };
}
