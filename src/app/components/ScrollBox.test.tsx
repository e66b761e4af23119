import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ScrollBox } from "./ScrollBox.tsx";

afterEach(cleanup);

describe("ScrollBox", () => {
  it("is a named region that takes the keyboard focus, so it can be scrolled without a mouse", () => {
    render(
      <ScrollBox label="Table of refunds">
        <table />
      </ScrollBox>,
    );
    const box = screen.getByRole("region", { name: "Table of refunds" });
    expect(box.tabIndex).toBe(0);
    box.focus();
    expect(document.activeElement).toBe(box);
    expect(box.className).toContain("overflow-x-auto");
  });

  it("takes other overflow classes (a box that scrolls both ways)", () => {
    render(
      <ScrollBox label="Table of finished jobs" className="max-h-96 overflow-auto">
        <table />
      </ScrollBox>,
    );
    expect(screen.getByRole("region").className).toContain("max-h-96 overflow-auto");
  });
});
