// The services' tests wait for the chain or a service to reach a state, not for a fixed time.

/**
 * Resolves once `check` holds, polling every 25 ms; throws after `ms` naming `what`. A check that throws
 * counts as "not yet" (anvil --prune-history drops the state of a block replaced mid-call).
 */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
