// Stands in for the `ua-parser-js` package (vite.config.ts aliases it here): RainbowKit only reads
// the operating system's name from it, to pick a wallet's desktop download link, and the package
// (every browser, engine and device pattern) added ~13 kB gzip to every page's first load.

type OsName = "Windows" | "macOS" | "Linux" | undefined;

export function osNameOf(userAgent: string): OsName {
  if (/Windows/i.test(userAgent)) return "Windows";
  if (/Mac OS X|Macintosh/i.test(userAgent) && !/iPhone|iPad/i.test(userAgent)) return "macOS";
  if (/Linux|X11/i.test(userAgent) && !/Android/i.test(userAgent)) return "Linux";
  return undefined;
}

/** The slice of ua-parser-js's `UAParser()` result that RainbowKit reads. */
export function UAParser(userAgent = typeof navigator === "undefined" ? "" : navigator.userAgent) {
  return { ua: userAgent, os: { name: osNameOf(userAgent) }, browser: {}, device: {}, engine: {}, cpu: {} };
}
