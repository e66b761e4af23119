import { Link } from "react-router-dom";
import { shortJobId, uuidOfJobId, type JobId } from "../../protocol/jobId.ts";

/** A job's short id, linking to its page. */
export function JobLink({ id }: { id: JobId }) {
  return (
    <Link
      to={`/jobs/${id}`}
      title={uuidOfJobId(id)}
      className="font-mono text-xs text-teal-700 underline hover:text-teal-900"
    >
      {shortJobId(id)}
    </Link>
  );
}
