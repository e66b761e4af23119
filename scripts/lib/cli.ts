// Tiny flag parsing for the scripts: --name value and --flag.
export function parseFlags(argv: string[]): { flags: Set<string>; values: Map<string, string> } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (inline !== undefined) values.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) values.set(name, argv[++i]!);
    else flags.add(name);
  }
  return { flags, values };
}

/** Whether this module is the script node was asked to run (not an import). */
export function isMain(metaUrl: string): boolean {
  return metaUrl === `file://${process.argv[1]}`;
}
