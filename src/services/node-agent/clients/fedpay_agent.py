"""A client of the FedPay node agent's HTTP API (docs/rules.md §13), standard library only (urllib).

    from fedpay_agent import AgentClient, ALL
    agent = AgentClient()                      # FEDPAY_AGENT_URL or 127.0.0.1:FEDPAY_AGENT_PORT, FEDPAY_AGENT_TOKEN
    job = agent.jobs(active=True)[0]
    agent.progress(job["id"], "Training", epoch=0, batch=12, status="InProgress")
    agent.progress(job["id"], "Training", epoch=0, batch=ALL, status="Completed")   # an epoch completion

Every call returns the agent's JSON answer; a refusal raises AgentError with the agent's sentence and
its HTTP status (400 bad input, 401 token, 404 not this node's job, 409 state conflict).
"""

import json
import os
import urllib.error
import urllib.request

ALL = "ALL"


class AgentError(Exception):
    """The agent refused a request (nothing was sent on chain) or could not be reached."""

    def __init__(self, status, message):
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class AgentClient:
    def __init__(self, url=None, token=None, timeout=60):
        port = os.environ.get("FEDPAY_AGENT_PORT", "8547")
        self.url = (url or os.environ.get("FEDPAY_AGENT_URL") or f"http://127.0.0.1:{port}").rstrip("/")
        self.token = token if token is not None else os.environ.get("FEDPAY_AGENT_TOKEN", "")
        self.timeout = timeout

    def _request(self, method, path, body=None, text=False):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raw = error.read().decode("utf-8")
            try:
                message = json.loads(raw).get("error", raw)
            except ValueError:
                message = raw
            raise AgentError(error.code, message) from None
        except urllib.error.URLError as error:
            raise AgentError(0, f"the agent at {self.url} is not reachable ({error.reason})") from None
        return raw if text else json.loads(raw)

    def health(self):
        return self._request("GET", "/health")

    def jobs(self, active=False):
        """My jobs: state, role, progress (onChain, completedEpochs, …) and what each expects next."""
        return self._request("GET", "/jobs?active=1" if active else "/jobs")["jobs"]

    def job(self, job_id):
        for job in self.jobs():
            if job["id"] == job_id or job["uuid"] == job_id:
                return job
        raise AgentError(404, f"job {job_id} is not a job of this node")

    def progress(self, job_id, task_type, epoch, batch, status):
        """Queues a position (names or numbers; epoch and batch may be ALL). Returns {queued, coalescedWith?}."""
        body = {"taskType": task_type, "epoch": epoch, "batch": batch, "status": status}
        return self._request("POST", f"/jobs/{job_id}/progress", body)

    def failure(self, job_id):
        """Reports this node's own failure: the job aborts. Returns {txHash, fine} (fine in the smallest unit)."""
        return self._request("POST", f"/jobs/{job_id}/failure", {})

    def replacement(self, job_id, mpc):
        """A DO asks the GDS to replace MPC `mpc`."""
        return self._request("POST", f"/jobs/{job_id}/replacement", {"mpc": mpc})

    def challenge(self, job_id):
        """Challenges a judgement naming this node (before its deadline)."""
        return self._request("POST", f"/jobs/{job_id}/challenge", {})

    def metrics(self):
        return self._request("GET", "/metrics", text=True)
