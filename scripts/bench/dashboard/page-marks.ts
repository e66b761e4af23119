// Runs inside the page (Playwright addInitScript, before the app's own code): watches the DOM and
// stamps when each milestone is first on screen. Stamped in the animation frame after the change, so
// a busy main thread that delays painting counts against the page. Self-contained: Playwright
// serialises the function, so it may use nothing from this module's scope.

export interface Milestones {
  /** performance.now() (ms since navigation start) when first seen; absent until then. */
  /** The page's heading: the app and the dashboard's code have loaded and rendered. */
  heading?: number;
  jobRows?: number;
  allJobs?: number;
  nodeRows?: number;
  feed?: number;
}

export interface PageMarks {
  milestones: Milestones;
  /** Wall clock (Date.now) when each live-feed item, by its data-testid, was first on screen. */
  feedItems: Record<string, number>;
}

declare global {
  interface Window {
    __benchMarks?: PageMarks;
  }
}

export function installPageMarks(expectedJobs: number): void {
  const marks: PageMarks = { milestones: {}, feedItems: {} };
  window.__benchMarks = marks;
  const m = marks.milestones;
  const newFeedItems = new Set<string>();
  let frameAsked = false;

  const stamp = () => {
    frameAsked = false;
    const now = performance.now();
    const wall = Date.now();
    const has = (selector: string) => document.querySelector(selector) !== null;
    if (m.heading === undefined && document.querySelector("h1")?.textContent === "Monitoring dashboard")
      m.heading = now;
    if (m.jobRows === undefined && has('[data-testid^="job-row-"]')) m.jobRows = now;
    if (m.nodeRows === undefined && has('[data-testid^="node-row-"]')) m.nodeRows = now;
    if (m.feed === undefined && has('[data-testid^="feed-item-"]')) m.feed = now;
    const count = document.querySelector('[data-testid="dashboard-job-count"]')?.textContent;
    if (m.allJobs === undefined && count === String(expectedJobs)) m.allJobs = now;
    for (const id of newFeedItems) marks.feedItems[id] ??= wall;
    newFeedItems.clear();
  };

  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const items = [node, ...node.querySelectorAll('[data-testid^="feed-item-"]')];
        for (const item of items) {
          const id = item.getAttribute("data-testid");
          if (id?.startsWith("feed-item-")) newFeedItems.add(id);
        }
      }
    if (!frameAsked) {
      frameAsked = true;
      requestAnimationFrame(stamp);
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}
