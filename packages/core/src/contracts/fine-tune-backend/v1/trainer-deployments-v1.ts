import type { CallOptions } from '../../model-provider/v1/model-provider-v1';

export interface DeployRequest {
  model: string;
  hardware: string;
  minReplicas?: number;
  maxReplicas?: number;
}

export interface Deployment {
  id: string;
  name: string;
  state: string;
  hardware?: string;
}

/** Capability `deployments`: the trainer serves fine-tuned models on dedicated endpoints. */
export interface TrainerDeploymentsV1 {
  deploy(request: DeployRequest, options?: CallOptions): Promise<Deployment>;
  getEndpoint(id: string, options?: CallOptions): Promise<Deployment>;
  /** The account's dedicated endpoints (they bill by the hour while they run). */
  listEndpoints?(options?: CallOptions): Promise<EndpointInfo[]>;
  /** Stops an endpoint so it stops billing. */
  stopEndpoint?(id: string, options?: CallOptions): Promise<Deployment>;
}

/** A dedicated endpoint as listed by `listEndpoints`. */
export interface EndpointInfo extends Deployment {
  model: string;
}
