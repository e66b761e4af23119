// The example training loop in TypeScript (the twin of example_training.py): waits for a job that
// expects a report from this node, resumes where the chain says it is, and reports every batch
// (display only: the agent merges them), every epoch's completion and the whole training.
//   FEDPAY_AGENT_TOKEN=… npx tsx src/services/node-agent/clients/example-training.ts [--batches 10] [--batch-ms 200]
import { parseArgs } from "node:util";
import { ALL, AgentClient, AgentError, type AgentJob, type PositionJson } from "./agent-client.ts";

const { values } = parseArgs({
  options: {
    job: { type: "string" },
    batches: { type: "string", default: "10" },
    "batch-ms": { type: "string", default: "200" },
  },
});
const batches = Number(values.batches);
const batchMs = Number(values["batch-ms"]);
const agent = new AgentClient();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One batch of the real work. */
async function trainBatch(_epoch: number, _batch: number): Promise<void> {
  await sleep(batchMs);
}

async function waitForJob(): Promise<AgentJob> {
  for (;;) {
    const jobs = await agent.jobs({ active: true }).catch(() => []);
    const job = jobs.find(
      (j) => (!values.job || values.job === j.id || values.job === j.uuid) && j.next === "report",
    );
    if (job) return job;
    await sleep(500);
  }
}

async function post(id: string, position: PositionJson): Promise<void> {
  try {
    await agent.progress(id, position);
  } catch (error) {
    // 409: behind what the chain has (a restart), or the job moved on.
    if (error instanceof AgentError && error.status === 409) console.log(`agent: ${error.message}`);
    else throw error;
  }
}

const job = await waitForJob();
const task = job.jobType === "Horizontal" && job.role === "MPC" ? "Aggregation" : "Training";
console.log(
  `job ${job.uuid}: ${job.role} in a ${job.jobType} job of ${job.totalEpochs} epochs, reporting ${task}`,
);
if (job.jobType === "Vertical" && (!job.progress.onChain || job.progress.onChain.taskType === "PSI")) {
  await trainBatch(0, 0);
  await post(job.id, { taskType: "PSI", epoch: ALL, batch: ALL, status: "Completed" });
}
for (let epoch = task === "Training" ? job.progress.completedEpochs : 0; epoch < job.totalEpochs; epoch++) {
  for (let batch = 0; batch < batches; batch++) {
    await trainBatch(epoch, batch);
    await post(job.id, { taskType: task, epoch, batch, status: "InProgress" });
  }
  await post(job.id, { taskType: task, epoch, batch: ALL, status: "Completed" });
  console.log(`epoch ${epoch} done`);
}
await post(job.id, { taskType: task, epoch: ALL, batch: ALL, status: "Completed" });
for (;;) {
  const now = await agent.job(job.id);
  if (now.progress.partComplete || now.state !== "Dispatched") {
    console.log(`part complete; job ${now.state}`);
    break;
  }
  await sleep(300);
}
