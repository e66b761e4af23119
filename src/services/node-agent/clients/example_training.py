"""An example training loop that reports its progress through the node agent (standard library only).

    FEDPAY_AGENT_TOKEN=… python3 example_training.py [--job ID] [--batches 10] [--batch-seconds 0.2]

It waits for a job that expects a report from this node (GET /jobs), resumes where the chain says it
is (progress.onChain / completedEpochs, so a restarted trainer or agent loses nothing), "trains"
batch by batch, reports each batch (display only: the agent merges them), each epoch's completion
(it sets compensation) and finally the whole training. A Horizontal MPC reports Aggregation, a
Vertical participant ends its PSI stage first. Replace train_batch() with the real work.
"""

import argparse
import sys
import time

from fedpay_agent import ALL, AgentClient, AgentError


def train_batch(epoch, batch, seconds):
    time.sleep(seconds)  # the real work: one batch of local training / aggregation


def wait_for_job(agent, job_id, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            for job in agent.jobs(active=True):
                if (job_id is None or job_id in (job["id"], job["uuid"])) and job["next"] == "report":
                    return job
        except AgentError as error:
            if error.status not in (0, 409):
                raise
        time.sleep(0.5)
    raise SystemExit(f"no job expecting a report from this node within {timeout} s")


def resume_epoch(job):
    """The first epoch not yet completed on chain."""
    return job["progress"]["completedEpochs"]


def post(agent, job_id, task, epoch, batch, status):
    try:
        return agent.progress(job_id, task, epoch, batch, status)
    except AgentError as error:
        if error.status == 409:
            # Behind what the chain has (a restart), or the job moved on: read where it is.
            print(f"agent: {error.message}", flush=True)
            return None
        raise


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--job", default=None, help="job id (0x… or UUID); default: the first that expects a report")
    parser.add_argument("--batches", type=int, default=10, help="batches per epoch")
    parser.add_argument("--batch-seconds", type=float, default=0.2)
    parser.add_argument("--wait", type=float, default=120, help="seconds to wait for a job")
    args = parser.parse_args()

    agent = AgentClient()
    job = wait_for_job(agent, args.job, args.wait)
    job_id = job["id"]
    task = "Aggregation" if job["jobType"] == "Horizontal" and job["role"] == "MPC" else "Training"
    print(f"job {job['uuid']}: {job['role']} in a {job['jobType']} job of {job['totalEpochs']} epochs, reporting {task}", flush=True)

    on_chain = job["progress"]["onChain"]
    if job["jobType"] == "Vertical" and (on_chain is None or on_chain["taskType"] == "PSI"):
        train_batch(0, 0, args.batch_seconds)  # the PSI stage
        post(agent, job_id, "PSI", ALL, ALL, "Completed")

    start = resume_epoch(job) if task == "Training" else 0
    for epoch in range(start, job["totalEpochs"]):
        for batch in range(args.batches):
            train_batch(epoch, batch, args.batch_seconds)
            post(agent, job_id, task, epoch, batch, "InProgress")
        post(agent, job_id, task, epoch, ALL, "Completed")
        print(f"epoch {epoch} done", flush=True)
    post(agent, job_id, task, ALL, ALL, "Completed")

    # The final completion always goes out; wait until the chain has it.
    while True:
        job = agent.job(job_id)
        if job["progress"]["partComplete"] or job["state"] != "Dispatched":
            break
        time.sleep(0.3)
    print(f"part complete; job {job['state']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
