// A client of the node agent's HTTP API (docs/rules.md §13) for a training process in TypeScript or
// JavaScript: fetch only, no dependency. The Python twin is fedpay_agent.py beside it.
//   const agent = new AgentClient();            // FEDPAY_AGENT_URL or 127.0.0.1:FEDPAY_AGENT_PORT, FEDPAY_AGENT_TOKEN
//   const [job] = await agent.jobs({ active: true });
//   await agent.progress(job.id, { taskType: "Training", epoch: 0, batch: 12, status: "InProgress" });

export const ALL = "ALL";
export type Step = number | typeof ALL;
export type TaskTypeName = "Training" | "PSI" | "Aggregation";
export type StatusName = "Started" | "InProgress" | "Completed" | "Failed";

export interface PositionJson {
  taskType: TaskTypeName | number;
  epoch: Step;
  batch: Step;
  status: StatusName | number;
}

export interface AgentJob {
  id: string;
  uuid: string;
  state: string;
  jobType: "Horizontal" | "Vertical";
  role: "DO" | "MPC";
  totalEpochs: number;
  fee: string | null;
  collateral: string;
  timeoutBlocks: number;
  progress: {
    onChain: PositionJson | null;
    completedEpochs: number;
    partComplete: boolean;
    failed: boolean;
    timedOut: boolean;
    lastSeen: string | null;
    inFlight: PositionJson | null;
    queued: PositionJson[];
  };
  next: "wait" | "report" | "challenge" | "none";
  nextDetail: string;
  challengeDeadline?: string;
}

/** The agent refused (nothing was sent on chain) or could not be reached (status 0). */
export class AgentError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`${status}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

export class AgentClient {
  readonly url: string;
  private readonly token: string;

  constructor(options: { url?: string; token?: string; env?: Env } = {}) {
    const env = options.env ?? (globalThis as { process?: { env: Env } }).process?.env ?? {};
    this.url = (
      options.url ??
      env.FEDPAY_AGENT_URL ??
      `http://127.0.0.1:${env.FEDPAY_AGENT_PORT ?? "8547"}`
    ).replace(/\/+$/, "");
    this.token = options.token ?? env.FEDPAY_AGENT_TOKEN ?? "";
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new AgentError(
        0,
        `the agent at ${this.url} is not reachable (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: the text is the message
      }
      throw new AgentError(response.status, message);
    }
    return (path === "/metrics" ? text : JSON.parse(text)) as T;
  }

  health() {
    return this.request<{ ok: boolean; block: string | null; node: string; registered: boolean | null }>(
      "GET",
      "/health",
    );
  }

  async jobs(options: { active?: boolean } = {}): Promise<AgentJob[]> {
    return (await this.request<{ jobs: AgentJob[] }>("GET", options.active ? "/jobs?active=1" : "/jobs"))
      .jobs;
  }

  async job(id: string): Promise<AgentJob> {
    const job = (await this.jobs()).find((j) => j.id === id || j.uuid === id);
    if (!job) throw new AgentError(404, `job ${id} is not a job of this node`);
    return job;
  }

  /** Queues a position; the agent merges and sends it (202 { queued, coalescedWith? }). */
  progress(id: string, position: PositionJson) {
    return this.request<{ queued: boolean; coalescedWith?: PositionJson; onChain?: PositionJson }>(
      "POST",
      `/jobs/${id}/progress`,
      position,
    );
  }

  /** This node's own failure: the job aborts. `fine` in the asset's smallest unit. */
  failure(id: string) {
    return this.request<{ txHash: string | null; fine: string; replacementRequest?: boolean }>(
      "POST",
      `/jobs/${id}/failure`,
      {},
    );
  }

  replacement(id: string, mpc: string) {
    return this.request<{ txHash: string }>("POST", `/jobs/${id}/replacement`, { mpc });
  }

  challenge(id: string) {
    return this.request<{ txHash: string }>("POST", `/jobs/${id}/challenge`, {});
  }

  metrics() {
    return this.request<string>("GET", "/metrics");
  }
}
