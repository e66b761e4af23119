import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { Pager } from "./Pager.tsx";

afterEach(cleanup);

function PagedList({ pages }: { pages: number }) {
  const [page, setPage] = useState(0);
  return <Pager page={page} pages={pages} total={pages * 5} onPage={setPage} label="open jobs" />;
}

const button = (name: "Previous" | "Next") => screen.getByRole("button", { name });
const label = () => screen.getByRole("navigation", { name: "open jobs pages" }).textContent;

/** A keyboard press: the button has the focus when it is activated. */
function press(name: "Previous" | "Next") {
  button(name).focus();
  fireEvent.click(button(name));
}

describe("Pager", () => {
  it("hands the focus to Previous when Next reaches the last page, and back at the first", () => {
    render(<PagedList pages={3} />);
    press("Next");
    expect(document.activeElement).toBe(button("Next"));
    fireEvent.click(button("Next"));
    expect(label()).toContain("Page 3 of 3");
    expect(button("Next")).toHaveProperty("disabled", true);
    expect(document.activeElement).toBe(button("Previous"));

    fireEvent.click(button("Previous"));
    expect(document.activeElement).toBe(button("Previous"));
    fireEvent.click(button("Previous"));
    expect(label()).toContain("Page 1 of 3");
    expect(button("Previous")).toHaveProperty("disabled", true);
    expect(document.activeElement).toBe(button("Next"));
  });

  it("hands it over with two pages too, where the other button was disabled until the press", () => {
    render(<PagedList pages={2} />);
    press("Next");
    expect(label()).toContain("Page 2 of 2");
    expect(document.activeElement).toBe(button("Previous"));
    press("Previous");
    expect(document.activeElement).toBe(button("Next"));
  });

  it("leaves the focus alone when the pressed button did not have it (a mouse click in Safari)", () => {
    render(<PagedList pages={2} />);
    fireEvent.click(button("Next"));
    expect(label()).toContain("Page 2 of 2");
    expect(document.activeElement).toBe(document.body);
  });
});
